// Who else is on which record (PROTOCOL.md, "Presence"): this device's own place, told to the
// others when it changes and every kRefreshMs while it lasts, and the places the other full
// devices told, each forgotten kTtlMs after its last note, at once when that device leaves a
// record or its connection ends. Nothing of it is stored. The clock is injected, so that tests
// step it instead of waiting.
#pragma once

#include "PresenceNote.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace feedback::sync {

class PresenceBoard : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kRefreshMs = 4000;
    static constexpr qint64 kTtlMs = 10000;
    // A note whose sender's clock is this far from this device's is dropped: a note the relay
    // (or anyone) kept and played back later says nothing true.
    static constexpr qint64 kMaxSkewMs = 30000;
    static constexpr int kMaxDevices = 1024;

    // `send`: gives a note to the relay, false when none can be sent now (offline, a relay of
    // protocol 6). `nowMs`: the wall clock, in milliseconds since the epoch.
    using Sender = std::function<bool(const PresenceNote &note)>;
    using Clock = std::function<qint64()>;
    explicit PresenceBoard(Sender send, Clock nowMs = {}, QObject *parent = nullptr);

    void setName(const QString &name) { m_name = name; }
    // Where this device's dispatcher is: told at once when it changed.
    void setHere(const std::optional<RecordId> &record, bool editing = false);
    // Tells this device's place again (a connection came up, the refresh timer).
    void announce();
    // The dispatcher leaves (the window closes): on no record, told at once.
    void leave() { setHere(std::nullopt); }

    // How a note came: a desk may hear another both through the relay and directly.
    enum class Path
    {
        Relay,
        Nearby
    };
    // A note from another device; none means its connection on that path ended (the relay's
    // "gone"), which forgets a place only that path told. A note older than the one held from
    // the same device (the other path's copy, late) changes nothing.
    void receive(const QByteArray &from, const std::optional<PresenceNote> &note,
                 Path path = Path::Relay);
    // Forgets the notes older than kTtlMs (a timer calls it every second).
    void expire();
    // The connection on `path` ended: the places it told can no longer be refreshed through it,
    // and are forgotten.
    void clear(Path path);
    void clear(); // every place

    struct Viewer
    {
        QByteArray device;
        QString name;
        bool editing = false;
        bool operator==(const Viewer &) const = default;
    };
    // The other devices on `record`, by name.
    QList<Viewer> viewersOf(const RecordId &record) const;

Q_SIGNALS:
    // The viewers of these records changed.
    void changed(const QList<feedback::RecordId> &records);

private:
    struct Place
    {
        PresenceNote note;
        qint64 heardAtMs = 0;
        Path path = Path::Relay; // of the latest note
    };
    qint64 now() const { return m_now(); }
    void drop(const QByteArray &device, QList<RecordId> &changed);
    // Drops every place `drops` says, and says which records changed.
    void dropWhere(const std::function<bool(const Place &)> &drops);

    Sender m_send;
    Clock m_now;
    QString m_name;
    std::optional<RecordId> m_here;
    bool m_editing = false;
    // By device; a few dozen at most in practice, so the viewers of a record are found by
    // looking at each.
    QHash<QByteArray, Place> m_places;
    QTimer m_refresh;
    QTimer m_expiry;
};

} // namespace feedback::sync
