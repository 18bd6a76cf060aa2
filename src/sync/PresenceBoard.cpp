#include "PresenceBoard.h"

#include <QDateTime>

#include <algorithm>

namespace feedback::sync {

PresenceBoard::PresenceBoard(Sender send, Clock nowMs, QObject *parent)
    : QObject(parent)
    , m_send(std::move(send))
    , m_now(nowMs ? std::move(nowMs) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{
    m_refresh.setInterval(static_cast<int>(kRefreshMs));
    connect(&m_refresh, &QTimer::timeout, this, &PresenceBoard::announce);
    m_expiry.setInterval(1000);
    connect(&m_expiry, &QTimer::timeout, this, &PresenceBoard::expire);
}

void PresenceBoard::setHere(const std::optional<RecordId> &record, bool editing)
{
    if (record == m_here && editing == m_editing)
        return;
    const bool wasSomewhere = m_here.has_value();
    m_here = record;
    m_editing = editing;
    // Leaving a record is told once; being on one is told again until the dispatcher leaves.
    if (m_here)
        m_refresh.start();
    else
        m_refresh.stop();
    if (m_here || wasSomewhere)
        announce();
}

void PresenceBoard::announce()
{
    m_send(PresenceNote{m_name, m_here, m_editing, now()});
}

void PresenceBoard::receive(const QByteArray &from, const std::optional<PresenceNote> &note,
                            Path path)
{
    QList<RecordId> changed;
    const qint64 heard = now();
    const auto held = m_places.constFind(from);
    if (!note) {
        // That path's connection ended; a place the other path told stays.
        if (held != m_places.cend() && held->path == path)
            drop(from, changed);
        if (!changed.isEmpty())
            Q_EMIT this->changed(changed);
        return;
    }
    if (held != m_places.cend() && note->sentAtMs < held->note.sentAtMs)
        return; // the other path's copy of an older note, late
    // Compared without a subtraction that a hostile time (any int64) could overflow.
    const bool fresh = note->sentAtMs >= heard - kMaxSkewMs && note->sentAtMs <= heard + kMaxSkewMs;
    if (!note->record || !fresh) {
        drop(from, changed);
    } else if (held != m_places.cend() || m_places.size() < kMaxDevices) {
        Place &place = m_places[from];
        if (place.note.record != note->record || place.note.name != note->name ||
            place.note.editing != note->editing) {
            if (place.note.record)
                changed.append(*place.note.record);
            changed.append(*note->record);
        }
        place = Place{*note, heard, path};
        m_expiry.start();
    }
    if (!changed.isEmpty())
        Q_EMIT this->changed(changed);
}

void PresenceBoard::drop(const QByteArray &device, QList<RecordId> &changed)
{
    const auto it = m_places.constFind(device);
    if (it == m_places.cend())
        return;
    if (it->note.record)
        changed.append(*it->note.record);
    m_places.erase(it);
}

void PresenceBoard::expire()
{
    const qint64 cutoff = now() - kTtlMs;
    dropWhere([cutoff](const Place &place) { return place.heardAtMs < cutoff; });
}

void PresenceBoard::clear(Path path)
{
    dropWhere([path](const Place &place) { return place.path == path; });
}

void PresenceBoard::clear()
{
    dropWhere([](const Place &) { return true; });
}

void PresenceBoard::dropWhere(const std::function<bool(const Place &)> &drops)
{
    QList<RecordId> changed;
    const QList<QByteArray> devices = m_places.keys();
    for (const QByteArray &device : devices)
        if (drops(m_places.value(device)))
            drop(device, changed);
    if (m_places.isEmpty())
        m_expiry.stop();
    if (!changed.isEmpty())
        Q_EMIT this->changed(changed);
}

QList<PresenceBoard::Viewer> PresenceBoard::viewersOf(const RecordId &record) const
{
    QList<Viewer> out;
    for (auto it = m_places.cbegin(); it != m_places.cend(); ++it)
        if (it->note.record == record)
            out.append(Viewer{it.key(), it->note.name, it->note.editing});
    // The same order on every call, whatever the hash's.
    std::sort(out.begin(), out.end(), [](const Viewer &a, const Viewer &b) {
        return std::tie(a.name, a.device) < std::tie(b.name, b.device);
    });
    return out;
}

} // namespace feedback::sync
