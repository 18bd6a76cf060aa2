// RelayConnection's handshake (PROTOCOL.md, "A session"): the protocol version, the hello and
// its admission (the workspace admitted, the certificate), the auth by the device key with the
// workspace's share of connections, then welcome and the device list.
#include "RelayServer.h"

#include <QNetworkRequest>
#include <QWebSocket>

#include <common/LogCategories.h>
#include <protocol/AdmissionToken.h>
#include <protocol/AuthProof.h>

namespace feedback::relay {

using namespace protocol;

void RelayConnection::refuseVersion(quint64 version)
{
    if (version < quint64(kMinProtocolVersion))
        // Said in the device's own frame version, so that it can show "update required".
        return refuse(ErrorCode::UpdateRequired,
                      QStringLiteral("update required: this relay requires protocol %1 or newer; "
                                     "this device speaks protocol %2")
                          .arg(kMinProtocolVersion)
                          .arg(version),
                      static_cast<int>(version));
    refuse(ErrorCode::UnsupportedVersion,
           QStringLiteral("this relay speaks protocol %1 to %2, older than the device's %3: the "
                          "relay needs an update")
               .arg(kMinProtocolVersion)
               .arg(kProtocolVersion)
               .arg(version));
}

void RelayConnection::onHello(const Hello &hello)
{
    if (hello.protocol < kMinProtocolVersion || hello.protocol > kProtocolVersion)
        return refuseVersion(static_cast<quint64>(hello.protocol));
    if (hello.protocol != m_frameVersion)
        return refuse(ErrorCode::BadFrame,
                      QStringLiteral("a hello of protocol %1 in a frame of protocol %2")
                          .arg(hello.protocol)
                          .arg(m_frameVersion));
    m_device = hello.device; // named in the log from here on
    RelayAdmission &admission = m_server.admission();
    // The header is read only here, and its value never logged: it admits a workspace.
    const QByteArray token = m_socket->request().rawHeader(admissiontoken::kHeader);
    if (const RelayAdmission::Refusal refused = admission.checkAdmitted(
            hello.workspace, m_server.limits().openAdmission, token, m_admissionToken))
        return refuse(*refused);
    if (const RelayAdmission::Refusal refused = admission.checkHello(hello, m_certificate))
        return refuse(*refused);
    m_workspace = hello.workspace;
    m_role = m_certificate.role;
    m_nonce = AuthProof::newChallenge();
    m_state = State::AwaitAuth;
    send(Challenge{m_nonce});
}

void RelayConnection::onAuth(const Auth &auth)
{
    if (!AuthProof::verify(m_certificate.publicKey, m_nonce, m_workspace, m_device, auth.signature))
        return refuse(ErrorCode::AuthFailed, QStringLiteral("the signature is not by the key of "
                                                            "the device's certificate"));
    m_nonce.clear(); // one challenge, one use
    if (const int open = m_server.connectionsOf(m_workspace);
        open >= m_server.limits().maxConnectionsPerWorkspace)
        return refuse(ErrorCode::Busy,
                      QStringLiteral("%1 devices of this workspace are connected, the most this "
                                     "relay allows")
                          .arg(open));
    if (m_server.limits().openAdmission)
        m_server.admission().admittedAtAuth(m_workspace);
    // Spent only now: a hello replayed without the device's keys spends nothing.
    if (!m_admissionToken.isEmpty())
        if (const RelayAdmission::Refusal refused =
                m_server.admission().redeem(m_admissionToken, m_workspace))
            return refuse(*refused);
    bool listChanged = false;
    if (const RelayAdmission::Refusal refused =
            m_server.admission().admit(m_certificate, listChanged))
        return refuse(*refused);
    m_state = State::Authenticated;
    m_server.gate().authenticated(m_socket->peerAddress(), m_socket->peerPort());
    qCInfo(lcRelay).noquote() << "authenticated" << peer() << "workspace"
                              << QString::fromLatin1(m_workspace.toHex().left(16));
    // The key epochs before the welcome: what the device pushes from then on is sealed with the
    // latest, and its revocations signed by it.
    sendEpochs();
    if (m_state != State::Authenticated)
        return;
    RelayStorage &storage = m_server.storage();
    const RelayLimits &limits = m_server.limits();
    // A full device of version 6 is asked for a snapshot when the log has grown enough since the
    // last (it sends one once it is caught up).
    const bool snapshotWanted =
        m_role == Role::Full && m_frameVersion >= 6 && m_server.askForSnapshot(m_workspace);
    send(Welcome{storage.head(m_workspace), storage.storedUpTo(m_workspace, m_device),
                 static_cast<quint64>(limits.maxBatch), static_cast<quint64>(limits.maxFrameBytes),
                 snapshotWanted});
    // The device list right after welcome; the others hear of a device that is new to them.
    sendDeviceList();
    if (listChanged) {
        m_server.storage().tellOthers(
            m_workspace,
            RelayStorage::StoredChange{RelayStorage::StoredChange::Kind::Devices, 0, {}});
        m_server.sendDevices(m_workspace, this);
    }
}

} // namespace feedback::relay
