// What the relay counts for its operators' monitoring (`GET /metrics` on --admin-listen, in the
// Prometheus text format): frames, bytes and units in and out, pushes and how long their commit
// took, refusals by error code. Only counts and sizes: never a workspace, a device or a byte of
// what the devices sent.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <array>
#include <protocol/Messages.h>

namespace feedback::relay {

class RelayMetrics
{
public:
    // What the relay knows at the moment of a scrape.
    struct Gauges
    {
        int fullConnections = 0;
        int kioskConnections = 0;
        int unauthenticatedConnections = 0; // WebSockets before auth
        int sockets = 0;                    // every TCP socket, upgraded or not
        int devices = 0;                    // distinct authenticated devices
        int liveWorkspaces = 0;             // workspaces with a connection
        qint64 workspaces = 0;              // workspaces the relay holds
        qint64 storageBytes = 0;
    };

    void frameReceived(qint64 bytes);
    void frameSent(qint64 bytes);
    void unitsSent(qint64 units) { m_unitsSent += static_cast<quint64>(units); }
    // A push that was stored: its units and the seconds its transaction took.
    void pushStored(qint64 units, double commitSeconds);
    void refused(protocol::ErrorCode code) { ++m_errors[protocol::errorCodeName(code)]; }
    // Presence notes passed on to a device, and those dropped (over the rate, a slow reader).
    void presenceForwarded() { ++m_presenceForwarded; }
    void presenceDropped() { ++m_presenceDropped; }

    QByteArray render(const Gauges &gauges) const;

private:
    static constexpr std::array<double, 11> kCommitBuckets{
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
    quint64 m_framesIn = 0, m_framesOut = 0, m_bytesIn = 0, m_bytesOut = 0;
    quint64 m_pushes = 0, m_unitsIn = 0, m_unitsSent = 0;
    quint64 m_presenceForwarded = 0, m_presenceDropped = 0;
    std::array<quint64, kCommitBuckets.size()> m_commitCounts{}; // cumulative at render
    quint64 m_commits = 0;
    double m_commitSum = 0;
    QMap<QString, quint64> m_errors;
};

} // namespace feedback::relay
