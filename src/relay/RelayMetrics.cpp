#include "RelayMetrics.h"

namespace feedback::relay {

namespace {

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void sample(QByteArray &out, const char *name, const QByteArray &labels, double value)
{
    out += name;
    if (!labels.isEmpty())
        out += '{' + labels + '}';
    out += ' ' + QByteArray::number(value, 'g', 17) + '\n';
}

} // namespace

void RelayMetrics::frameReceived(qint64 bytes)
{
    ++m_framesIn;
    m_bytesIn += static_cast<quint64>(bytes);
}

void RelayMetrics::frameSent(qint64 bytes)
{
    ++m_framesOut;
    m_bytesOut += static_cast<quint64>(bytes);
}

void RelayMetrics::pushStored(qint64 units, double commitSeconds)
{
    ++m_pushes;
    m_unitsIn += static_cast<quint64>(units);
    ++m_commits;
    m_commitSum += commitSeconds;
    for (std::size_t i = 0; i < kCommitBuckets.size(); ++i)
        if (commitSeconds <= kCommitBuckets[i]) {
            ++m_commitCounts[i];
            break;
        }
}

QByteArray RelayMetrics::render(const Gauges &g) const
{
    QByteArray out;
    family(out, "feedback_relay_connections", "gauge", "Open WebSocket connections by role.");
    sample(out, "feedback_relay_connections", "role=\"full\"", g.fullConnections);
    sample(out, "feedback_relay_connections", "role=\"kiosk\"", g.kioskConnections);
    sample(out, "feedback_relay_connections", "role=\"unauthenticated\"",
           g.unauthenticatedConnections);
    family(out, "feedback_relay_sockets", "gauge",
           "Open TCP sockets, including those that never upgraded.");
    sample(out, "feedback_relay_sockets", {}, g.sockets);
    family(out, "feedback_relay_authenticated_devices", "gauge",
           "Distinct devices with an authenticated connection.");
    sample(out, "feedback_relay_authenticated_devices", {}, g.devices);
    family(out, "feedback_relay_workspaces", "gauge", "Workspaces the relay holds.");
    sample(out, "feedback_relay_workspaces", {}, static_cast<double>(g.workspaces));
    family(out, "feedback_relay_workspaces_connected", "gauge",
           "Workspaces with an authenticated connection now.");
    sample(out, "feedback_relay_workspaces_connected", {}, g.liveWorkspaces);
    family(out, "feedback_relay_frames_total", "counter", "WebSocket frames by direction.");
    sample(out, "feedback_relay_frames_total", "direction=\"in\"", static_cast<double>(m_framesIn));
    sample(out, "feedback_relay_frames_total", "direction=\"out\"",
           static_cast<double>(m_framesOut));
    family(out, "feedback_relay_bytes_total", "counter", "Frame bytes by direction.");
    sample(out, "feedback_relay_bytes_total", "direction=\"in\"", static_cast<double>(m_bytesIn));
    sample(out, "feedback_relay_bytes_total", "direction=\"out\"", static_cast<double>(m_bytesOut));
    family(out, "feedback_relay_pushes_total", "counter", "Pushes stored.");
    sample(out, "feedback_relay_pushes_total", {}, static_cast<double>(m_pushes));
    family(out, "feedback_relay_units_received_total", "counter", "Units stored from pushes.");
    sample(out, "feedback_relay_units_received_total", {}, static_cast<double>(m_unitsIn));
    family(out, "feedback_relay_units_sent_total", "counter",
           "Units sent to devices, live and in catch-ups.");
    sample(out, "feedback_relay_units_sent_total", {}, static_cast<double>(m_unitsSent));
    family(out, "feedback_relay_presence_forwarded_total", "counter",
           "Presence notes passed on to devices (never stored).");
    sample(out, "feedback_relay_presence_forwarded_total", {},
           static_cast<double>(m_presenceForwarded));
    family(out, "feedback_relay_presence_dropped_total", "counter",
           "Presence notes dropped: over a device's rate, or to a device slow to read.");
    sample(out, "feedback_relay_presence_dropped_total", {},
           static_cast<double>(m_presenceDropped));
    family(out, "feedback_relay_commit_seconds", "histogram",
           "Time of a push's transaction, flush to disk included.");
    quint64 cumulative = 0;
    for (std::size_t i = 0; i < kCommitBuckets.size(); ++i) {
        cumulative += m_commitCounts[i];
        sample(out, "feedback_relay_commit_seconds_bucket",
               "le=\"" + QByteArray::number(kCommitBuckets[i], 'g', 6) + '"',
               static_cast<double>(cumulative));
    }
    sample(out, "feedback_relay_commit_seconds_bucket", "le=\"+Inf\"",
           static_cast<double>(m_commits));
    sample(out, "feedback_relay_commit_seconds_sum", {}, m_commitSum);
    sample(out, "feedback_relay_commit_seconds_count", {}, static_cast<double>(m_commits));
    family(out, "feedback_relay_errors_total", "counter", "Refusals sent, by error code.");
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        sample(out, "feedback_relay_errors_total", "code=\"" + it.key().toLatin1() + '"',
               static_cast<double>(it.value()));
    family(out, "feedback_relay_storage_bytes", "gauge", "Bytes of the database on disk.");
    sample(out, "feedback_relay_storage_bytes", {}, static_cast<double>(g.storageBytes));
    return out;
}

} // namespace feedback::relay
