#include "SyncWords.h"

#include "AppSession.h"

#include <QCoreApplication>

namespace feedback::app {

namespace {

QString relayRefusal(protocol::ErrorCode code)
{
    using protocol::ErrorCode;
    switch (code) {
    case ErrorCode::Busy:
        return QCoreApplication::translate("SyncStatus", "it has too many devices connected");
    case ErrorCode::RateLimited:
        return QCoreApplication::translate("SyncStatus", "this device sent too much too fast");
    case ErrorCode::Internal:
        return QCoreApplication::translate("SyncStatus", "it could not store what was sent");
    case ErrorCode::AuthTimeout:
        return QCoreApplication::translate("SyncStatus", "this device took too long to sign in");
    case ErrorCode::TooLarge:
        return QCoreApplication::translate("SyncStatus", "a message was too large");
    default:
        return QCoreApplication::translate("SyncStatus", "a protocol error (%1)")
            .arg(protocol::errorCodeName(code));
    }
}

sync::CloseCause causeFromName(const QString &name)
{
    return sync::closeCauseFromName(name).value_or(sync::CloseCause::Other);
}

sync::SyncProblem::Kind kindFromName(const QString &name)
{
    using Kind = sync::SyncProblem::Kind;
    // An error event always names a problem: "none" there is read like any unknown word.
    const std::optional<Kind> kind = sync::problemKindFromName(name);
    return kind && *kind != Kind::None ? *kind : Kind::Other;
}

protocol::ErrorCode codeFromName(const QString &name)
{
    return protocol::errorCodeFromName(name).value_or(protocol::ErrorCode::Internal);
}

QString waitingWords(const AppSession &session)
{
    const int pending = int(session.pendingCount()); // a plain int: lupdate misses a cast count
    return QCoreApplication::translate("SyncStatus", "%n waiting", nullptr, pending);
}

QString retryWords(const AppSession &session)
{
    const int remaining = session.retryRemainingMs();
    if (remaining >= 0) {
        const int seconds = (remaining + 999) / 1000; // rounded up: "in 0 s" only when it is due
        return QCoreApplication::translate("SyncStatus", "retrying in %n s", nullptr, seconds);
    }
    if (session.syncState() == sync::SyncState::Connecting)
        return QCoreApplication::translate("SyncStatus", "trying again…");
    return QString();
}

QString stateSummary(const AppSession &session)
{
    const QString waiting = waitingWords(session);
    switch (session.syncSetup()) {
    case AppSession::SyncSetup::NotSetUp:
    case AppSession::SyncSetup::Invalid:
        return QCoreApplication::translate("SyncStatus", "Sync not set up · %1").arg(waiting);
    case AppSession::SyncSetup::Off:
        return QCoreApplication::translate("SyncStatus", "Sync off · %1").arg(waiting);
    case AppSession::SyncSetup::Running:
        break;
    }
    const sync::SyncProblem problem = session.syncDetails();
    const sync::SyncState state = session.syncState();
    if (problem.kind != sync::SyncProblem::Kind::None &&
        (state == sync::SyncState::Offline || state == sync::SyncState::Error ||
         state == sync::SyncState::Connecting)) {
        const QString headline = problemHeadline(problem, session.relayHost());
        const QString retry = retryWords(session);
        if (retry.isEmpty())
            return QCoreApplication::translate("SyncStatus", "%1 · %2").arg(headline, waiting);
        return QCoreApplication::translate("SyncStatus", "%1 — %2 · %3")
            .arg(headline, retry, waiting);
    }
    switch (state) {
    case sync::SyncState::Offline:
    case sync::SyncState::Error:
        return QCoreApplication::translate("SyncStatus", "Offline · %1").arg(waiting);
    case sync::SyncState::Connecting:
        return QCoreApplication::translate("SyncStatus", "Connecting to %1… · %2")
            .arg(session.relayHost(), waiting);
    case sync::SyncState::Syncing: {
        const auto [done, total] = session.progress();
        if (total > 0)
            return QCoreApplication::translate("SyncStatus", "Syncing %1 of %2 · %3")
                .arg(done)
                .arg(total)
                .arg(waiting);
        return QCoreApplication::translate("SyncStatus", "Syncing… · %1").arg(waiting);
    }
    case sync::SyncState::UpToDate:
        return QCoreApplication::translate("SyncStatus", "Up to date (%1) · %2")
            .arg(describeAge(session.lastSync(), QDateTime::currentDateTimeUtc()), waiting);
    }
    return QString();
}

} // namespace

QString syncSummary(const AppSession &session)
{
    // The relay out of reach, nearby devices at hand: said, since records still travel.
    const int nearby = session.nearbyCount();
    if (nearby > 0 && session.syncState() != sync::SyncState::UpToDate) {
        if (session.nearbySyncedCount() == nearby)
            return QCoreApplication::translate("SyncStatus", "Up to date via nearby devices · %1")
                .arg(waitingWords(session));
        return stateSummary(session) + QStringLiteral(" · ") +
               QCoreApplication::translate("SyncStatus", "%n nearby device(s)", nullptr, nearby);
    }
    // Changes of other devices set aside (feedbackctl doctor lists them): sync goes on without
    // them, but nobody should believe this device holds everything.
    const int unreadable = int(session.quarantinedCount());
    if (unreadable == 0)
        return stateSummary(session);
    return stateSummary(session) + QStringLiteral(" · ") +
           QCoreApplication::translate("SyncStatus", "%n change(s) could not be read", nullptr,
                                       unreadable);
}

QString problemHeadline(const sync::SyncProblem &problem, const QString &host)
{
    using Kind = sync::SyncProblem::Kind;
    switch (problem.kind) {
    case Kind::None:
        return QString();
    case Kind::Unreachable:
        return QCoreApplication::translate("SyncStatus", "Cannot reach %1").arg(host);
    case Kind::Tls:
        return QCoreApplication::translate("SyncStatus", "Cannot verify %1").arg(host);
    case Kind::ConnectionLost:
        return QCoreApplication::translate("SyncStatus", "Connection to %1 lost").arg(host);
    case Kind::NotAccepted:
        return QCoreApplication::translate("SyncStatus", "%1 does not accept this device")
            .arg(host);
    case Kind::RelayRefused:
        return QCoreApplication::translate("SyncStatus", "%1 refused: %2")
            .arg(host, relayRefusal(problem.code));
    case Kind::UpdateRequired:
        return QCoreApplication::translate("SyncStatus", "Update required");
    case Kind::Revoked:
        return QCoreApplication::translate("SyncStatus",
                                           "This device was removed from the workspace");
    case Kind::Other:
        break;
    }
    return QCoreApplication::translate("SyncStatus", "Sync error: %1").arg(problem.detail);
}

QString problemSentence(const sync::SyncProblem &problem, const QString &host)
{
    using Kind = sync::SyncProblem::Kind;
    using sync::CloseCause;
    switch (problem.kind) {
    case Kind::None:
        return QString();
    case Kind::Unreachable:
        switch (problem.cause) {
        case CloseCause::Refused:
            return QCoreApplication::translate(
                       "SyncStatus",
                       "Cannot reach %1: the connection was refused. The relay may be stopped, "
                       "or the address or port may be wrong.")
                .arg(host);
        case CloseCause::HostNotFound:
            return QCoreApplication::translate(
                       "SyncStatus", "Cannot reach %1: no computer of that name was found.")
                .arg(host);
        case CloseCause::NetworkDown:
            return QCoreApplication::translate(
                       "SyncStatus", "Cannot reach %1: this device has no network connection.")
                .arg(host);
        default:
            return QCoreApplication::translate("SyncStatus",
                                               "Cannot reach %1: it did not answer in time.")
                .arg(host);
        }
    case Kind::Tls:
        return QCoreApplication::translate(
                   "SyncStatus",
                   "Cannot verify %1: its certificate is not trusted, so this device does not "
                   "connect to it.")
            .arg(host);
    case Kind::ConnectionLost:
        return QCoreApplication::translate("SyncStatus",
                                           "The connection to %1 was closed by the relay.")
            .arg(host);
    case Kind::NotAccepted:
        return QCoreApplication::translate(
                   "SyncStatus",
                   "%1 does not accept this device's credentials. Join the workspace again with "
                   "a new invite.")
            .arg(host);
    case Kind::RelayRefused:
        return QCoreApplication::translate("SyncStatus", "%1 refused this device: %2.")
            .arg(host, relayRefusal(problem.code));
    case Kind::UpdateRequired:
        return QCoreApplication::translate(
            "SyncStatus",
            "This version of Courier Feedback is too old for the relay or for changes "
            "another device wrote: install a newer version.");
    case Kind::Revoked:
        return QCoreApplication::translate(
            "SyncStatus",
            "This device was removed from the workspace. It no longer syncs; to use it again, "
            "join the workspace with a new invite.");
    case Kind::Other:
        break;
    }
    return problem.detail;
}

QString syncProblemText(const AppSession &session)
{
    if (session.syncSetup() != AppSession::SyncSetup::Running)
        return session.syncProblem(); // why sync is off or not set up (translated there)
    const sync::SyncProblem problem = session.syncDetails();
    if (problem.kind != sync::SyncProblem::Kind::None)
        return problemSentence(problem, session.relayHost());
    return session.syncProblem();
}

QString syncEventText(sync::SyncEvent kind, const QJsonObject &details, const QString &host)
{
    const int count = details.value(QStringLiteral("count")).toInt();
    if (kind == sync::SyncEvent::Connected)
        return QCoreApplication::translate("SyncStatus", "Connected to %1").arg(host);
    if (kind == sync::SyncEvent::Disconnected) {
        sync::SyncProblem problem;
        problem.cause = causeFromName(details.value(QStringLiteral("cause")).toString());
        switch (problem.cause) {
        case sync::CloseCause::ClosedHere:
            return QCoreApplication::translate("SyncStatus", "Disconnected from %1").arg(host);
        case sync::CloseCause::ClosedByRelay:
            return QCoreApplication::translate("SyncStatus",
                                               "The connection to %1 was closed by the relay.")
                .arg(host);
        case sync::CloseCause::Tls:
            problem.kind = sync::SyncProblem::Kind::Tls;
            return problemSentence(problem, host);
        case sync::CloseCause::Other:
            return QCoreApplication::translate("SyncStatus", "The connection to %1 ended.")
                .arg(host);
        default:
            problem.kind = sync::SyncProblem::Kind::Unreachable;
            return problemSentence(problem, host);
        }
    }
    if (kind == sync::SyncEvent::Error) {
        sync::SyncProblem problem;
        problem.kind = kindFromName(details.value(QStringLiteral("problem")).toString());
        problem.cause = causeFromName(details.value(QStringLiteral("cause")).toString());
        problem.code = codeFromName(details.value(QStringLiteral("code")).toString());
        problem.detail = details.value(QStringLiteral("reason")).toString();
        return QCoreApplication::translate("SyncStatus", "Problem: %1")
            .arg(problemSentence(problem, host));
    }
    if (kind == sync::SyncEvent::Pushed)
        return QCoreApplication::translate("SyncStatus", "Sent %n change(s)", nullptr, count);
    if (kind == sync::SyncEvent::Acked)
        return QCoreApplication::translate("SyncStatus", "The relay stored what this device sent");
    if (kind == sync::SyncEvent::Received)
        return QCoreApplication::translate("SyncStatus", "Received %n change(s) from other devices",
                                           nullptr, count);
    if (kind == sync::SyncEvent::Conflict)
        return QCoreApplication::translate(
                   "SyncStatus",
                   "Two devices changed record %1 at the same time: both values are kept")
            .arg(details.value(QStringLiteral("id")).toString());
    if (kind == sync::SyncEvent::CaughtUp)
        return QCoreApplication::translate("SyncStatus", "Caught up with the relay");
    const int changes = details.value(QStringLiteral("changes")).toInt();
    if (kind == sync::SyncEvent::Identity)
        return QCoreApplication::translate(
            "SyncStatus", "This profile continues under a new device id (%n change(s) renumbered)",
            nullptr, changes);
    if (kind == sync::SyncEvent::Quarantined)
        return QCoreApplication::translate(
            "SyncStatus", "%n change(s) could not be read and were set aside", nullptr, count);
    if (kind == sync::SyncEvent::AskedAgain)
        return QCoreApplication::translate(
            "SyncStatus", "Asked the relay again for a change that could not be read");
    if (kind == sync::SyncEvent::Recovered)
        return QCoreApplication::translate("SyncStatus",
                                           "A change set aside earlier could be read now");
    if (kind == sync::SyncEvent::UpdateRequired)
        return QCoreApplication::translate(
            "SyncStatus", "%n change(s) need a newer version of Courier Feedback", nullptr, count);
    return QCoreApplication::translate("SyncStatus", "Sync event: %1")
        .arg(sync::syncEventName(kind));
}

QString insecureRelayMessage(const QString &host)
{
    return QCoreApplication::translate("RelaySecurity",
                                       "ws:// sends everything unencrypted to %1; use wss:// or "
                                       "tick \"Allow an unencrypted connection (insecure)\".")
        .arg(host);
}

} // namespace feedback::app
