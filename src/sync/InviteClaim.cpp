#include "InviteClaim.h"

#include "InviteEnvelope.h"
#include "WorkspaceKeys.h"

#include <protocol/Messages.h>

namespace feedback::sync {

using namespace protocol;

namespace {

// The relay's refusal in the words of the person joining; its own text says which limit.
QString refusalText(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Expired:
    case ErrorCode::UsedUp:
    case ErrorCode::Revoked:
        return error.text + QStringLiteral(" Ask for a new invite code.");
    case ErrorCode::UnknownInvite:
        return error.text;
    case ErrorCode::BadFrame:
    case ErrorCode::UnsupportedVersion:
        return QStringLiteral("The relay is too old to hold invites (it said: %1); update "
                              "feedback-relay, or ask for a code of the first format.")
            .arg(error.text);
    default:
        return QStringLiteral("The relay refused the invite: %1 (%2).")
            .arg(error.text, errorCodeName(error.code));
    }
}

} // namespace

InviteClaim::InviteClaim(InviteTicket ticket, QString caFile, SyncTransport *transport,
                         QObject *parent)
    : QObject(parent)
    , m_ticket(std::move(ticket))
    , m_transport(transport)
{
    if (!m_transport) {
        auto *socket =
            new WebSocketTransport(QUrl(m_ticket.relayUrl), std::move(caFile), 20000, this);
        // The inviting device's pin: a self-signed relay needs no CA file, another key is refused.
        socket->setPinnedKey(m_ticket.relayPin);
        m_transport = socket;
    }
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(Result<Invite>::failure(
            QStringLiteral("The relay at %1 did not answer in time; nothing was created.")
                .arg(m_ticket.relayUrl)));
    });
    connect(m_transport, &SyncTransport::opened, this, [this] {
        // In the first version that has it, which every relay that holds invites serves: a
        // device of a newer release still joins through a relay not updated yet.
        const Claim claim{InviteEnvelope::claimId(m_ticket.secret)};
        m_transport->send(encode(claim, firstVersionOf(claim)));
    });
    connect(m_transport, &SyncTransport::frameReceived, this, &InviteClaim::onFrame);
    connect(m_transport, &SyncTransport::closed, this, [this](const QString &reason) {
        finish(Result<Invite>::failure(
            QStringLiteral("Could not claim the invite from the relay at %1 (%2); nothing was "
                           "created. Check the network and try again.")
                .arg(m_ticket.relayUrl, reason)));
    });
}

void InviteClaim::start(int timeoutMs, Done done)
{
    m_done = std::move(done);
    m_timeout.start(timeoutMs);
    m_transport->open();
}

void InviteClaim::finish(const Result<Invite> &result)
{
    if (!m_done)
        return;
    const Done done = std::exchange(m_done, Done());
    m_timeout.stop();
    m_transport->close();
    done(result);
}

void InviteClaim::onFrame(const QByteArray &frame)
{
    const DecodeResult decoded = decode(frame);
    if (!decoded.message)
        return finish(Result<Invite>::failure(
            QStringLiteral("The relay sent a bad answer (%1); nothing was created.")
                .arg(decoded.error)));
    if (const auto *error = std::get_if<Error>(&*decoded.message))
        return finish(Result<Invite>::failure(refusalText(*error)));
    if (const auto *envelope = std::get_if<Envelope>(&*decoded.message))
        return finish(opened(envelope->envelope));
    finish(Result<Invite>::failure(
        QStringLiteral("The relay answered the claim out of turn; nothing was created.")));
}

Result<Invite> InviteClaim::opened(const QByteArray &envelope) const
{
    const auto damaged = [](const QString &why) {
        return Result<Invite>::failure(
            QStringLiteral("The relay handed out an invite that does not belong to this code "
                           "(%1); nothing was created.")
                .arg(why),
            ErrorKind::BadData);
    };
    const Result<QByteArray> payload = InviteEnvelope::open(envelope, m_ticket.secret);
    if (!payload)
        return damaged(payload.error());
    Result<Invite> invite = InviteCode::decode(QString::fromUtf8(*payload));
    if (!invite || invite->ticket)
        return damaged(invite ? QStringLiteral("a code in a code") : invite.error());
    if (invite->role() != m_ticket.role)
        return damaged(QStringLiteral("another role"));
    QByteArray workspace;
    if (invite->kiosk) {
        workspace = invite->kiosk->workspaceId;
    } else if (const auto keys = WorkspaceKeys::fromSecret(invite->secret)) {
        workspace = keys->workspaceId();
    }
    if (workspace != m_ticket.workspaceId)
        return damaged(QStringLiteral("another workspace"));
    invite->relayUrl = m_ticket.relayUrl;
    invite->fallbackRelays = m_ticket.fallbackRelays;
    return invite;
}

} // namespace feedback::sync
