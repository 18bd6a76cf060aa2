// What the relay protocol tests share (tst_relay, tst_relaypush): one real feedback-relay process
// (env FEEDBACK_RELAY) with small limits for the whole test class, an observer (a caught-up
// connection opened before each test) that must still be served after it, and a check after each
// test that a good client still works.
#pragma once

#include <QTemporaryDir>

#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

namespace feedback::test {

inline constexpr int kMaxFrameBytes = 64 * 1024;
inline constexpr int kMaxBatch = 50;
inline constexpr int kAuthTimeoutMs = 500;

// A base of each relay test class; its initTestCase, init and cleanup slots call startRelay,
// beforeEach and afterEach.
class RelayFixture
{
protected:
    void startRelay()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_relay = std::make_unique<RelayProcess>(
            m_tmp->filePath(u"relay-data"_s),
            QStringList{u"--max-frame-bytes"_s, QString::number(kMaxFrameBytes), u"--max-batch"_s,
                        QString::number(kMaxBatch), u"--auth-timeout-ms"_s,
                        QString::number(kAuthTimeoutMs)});
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
    }
    void beforeEach()
    {
        if (!m_relay->isRunning())
            QVERIFY2(m_relay->restart(), m_relay->describe().constData());
        m_observed = Identity::fresh();
        openObserver();
    }
    void afterEach()
    {
        if (!QTest::currentTestFailed() && m_relay->isRunning())
            goodClientWorks();
        if (QTest::currentTestFailed())
            qWarning("%s", m_relay->describe().constData());
        m_observer.reset();
    }

    QString url() const { return m_relay->url(); }
    // A fresh device of a fresh workspace authenticates, pushes, pulls its delta back; and the
    // observer (a caught-up connection opened before the test) is still served.
    void goodClientWorks()
    {
        QVERIFY2(m_relay->isRunning(), m_relay->describe().constData());
        const Identity id = Identity::fresh();
        const SealedDelta delta = id.delta(1);
        CALL(expectStored(id, 0, 0));
        CALL(pushAcked(id, {delta}, 1));
        CALL(expectStored(id, 1, 1, {delta}));
        // The observer, connected through whatever the test did, still gets live deltas.
        const Identity sibling = m_observed->sibling();
        const SealedDelta live = sibling.delta(1);
        CALL(pushAcked(sibling, {live}, 1));
        const auto received = m_observer->expect<Deltas>();
        VERIFY_PEER(received && received->live && received->deltas.size() == 1 &&
                        received->deltas.first().sealed == live.sealed,
                    *m_observer);
        const auto confirmed = m_observer->expect<CaughtUp>();
        VERIFY_PEER(confirmed && confirmed->cursor == received->deltas.first().position,
                    *m_observer);
    }
    void openObserver()
    {
        m_observer = std::make_unique<Peer>(url());
        VERIFY_PEER(m_observer->authenticate(*m_observed), *m_observer);
        VERIFY_PEER(m_observer->pullAll(0), *m_observer);
    }
    // A new connection as `id` pushes `deltas`: acknowledged up to `upTo`, or refused.
    void pushAcked(const Identity &id, const QList<SealedDelta> &deltas, quint64 upTo)
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(id), p);
        const auto ack = p.push(deltas);
        // The ack names the pushed deltas' origin (usually the pusher itself).
        const QByteArray origin = deltas.isEmpty() ? id.device : deltas.first().origin;
        VERIFY_PEER(ack && ack->origin == origin, p);
        QCOMPARE(ack->upTo, upTo);
    }
    void pushRefused(const Identity &id, const QList<SealedDelta> &deltas, ErrorCode code)
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(id), p);
        p.send(Push{deltas});
        VERIFY_PEER(p.refusedWith(code), p);
    }
    // A new connection as `id`: welcome says `storedUpTo` and `head`; a pull from 0 returns
    // `head` deltas in one batch, beginning with `first` (origin, seq and bytes).
    void expectStored(const Identity &id, quint64 storedUpTo, quint64 head,
                      const QList<SealedDelta> &first = {})
    {
        Peer p(url());
        const auto welcome = p.authenticate(id);
        VERIFY_PEER(welcome && welcome->storedUpTo == storedUpTo && welcome->head == head, p);
        QList<Deltas> frames;
        const auto caughtUp = p.pullAll(0, &frames);
        VERIFY_PEER(caughtUp && caughtUp->cursor == head && frames.size() == (head > 0 ? 1 : 0), p);
        const QList<SealedDelta> got = head > 0 ? frames.first().deltas : QList<SealedDelta>();
        QCOMPARE(quint64(got.size()), head);
        QVERIFY(sameDeltas(got, first, 1));
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
    std::optional<Identity> m_observed;
    std::unique_ptr<Peer> m_observer;
};

} // namespace feedback::test
