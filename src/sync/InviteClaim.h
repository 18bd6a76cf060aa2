// Claims an invite the relay holds (a code of the second format; PROTOCOL.md, "Invites"): one
// connection, one `claim` frame, and the envelope back, opened with the code's secret. Runs
// before anything of the new profile exists, so that an expired, used-up or cancelled invite
// leaves nothing behind.
#pragma once

#include "InviteCode.h"
#include "SyncTransport.h"

#include <functional>

namespace feedback::sync {

class InviteClaim : public QObject
{
    Q_OBJECT
public:
    // The code of the first format the envelope held, checked against the ticket (workspace,
    // role); or why there is none, worded for the person joining.
    using Done = std::function<void(const Result<Invite> &)>;

    // `transport`: null for a WebSocket to the ticket's relay (with `caFile`, when given).
    InviteClaim(InviteTicket ticket, QString caFile = QString(), SyncTransport *transport = nullptr,
                QObject *parent = nullptr);

    void start(int timeoutMs, Done done);

private:
    void onFrame(const QByteArray &frame);
    void finish(const Result<Invite> &result);
    Result<Invite> opened(const QByteArray &envelope) const;

    InviteTicket m_ticket;
    SyncTransport *m_transport;
    QTimer m_timeout;
    Done m_done;
};

} // namespace feedback::sync
