// The wire protocol spoken directly to a real feedback-relay process (env FEEDBACK_RELAY) over
// QWebSocket: every misbehaving client is refused or closed, and the relay goes on serving the
// others; pushes are checked, acknowledged only once durable, and served back in bounded
// batches and live to caught-up connections of the same workspace only.
#include <QCborArray>
#include <QCborValue>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback::test;

namespace {

constexpr int kMaxFrameBytes = 64 * 1024;
constexpr int kMaxBatch = 50;
constexpr int kAuthTimeoutMs = 500;

} // namespace

class TestRelay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void goodClientAuthenticatesPushesPulls();
    void wrongWorkspaceKeyIsRefused();
    void badSignatureBytesAreRefused();
    void replayedSignatureIsRefused();
    void garbageBinaryFramesAreRefused();
    void textFrameIsRefused();
    void oversizedFrameIsClosed();
    void idleUnauthenticatedSocketIsClosed();
    void messagesBeforeAuthAreRefused();
    void unsupportedProtocolIsRefused();
    void sequenceGapIsRefusedAndNothingStored();
    void conflictingDuplicateIsRefused();
    void pushingAnotherDevicesOriginIsRefused();
    void identicalRepushIsAcknowledged();
    void emptyPushAcknowledgesWhatIsStored();
    void oversizedBatchIsRefusedAsTooLarge();
    void ackedDeltaSurvivesSigkill();
    void pullStreamsInBoundedBatches();
    void liveDeltasReachOnlyCaughtUpPeersOfTheWorkspace();

private:
    QString url() const { return m_relay->url(); }
    // A fresh device of a fresh workspace authenticates, pushes, pulls its delta back; and the
    // observer (a caught-up connection opened before the test) is still served.
    void goodClientWorks();
    void openObserver();
    // A new connection as `id` pushes `deltas`: acknowledged up to `upTo`, or refused.
    void pushAcked(const Identity &id, const QList<SealedDelta> &deltas, quint64 upTo);
    void pushRefused(const Identity &id, const QList<SealedDelta> &deltas, ErrorCode code);
    // A new connection as `id`: welcome says `storedUpTo` and `head`; a pull from 0 returns
    // `head` deltas in one batch, beginning with `first` (origin, seq and bytes).
    void expectStored(const Identity &id, quint64 storedUpTo, quint64 head,
                      const QList<SealedDelta> &first = {});

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
    std::optional<Identity> m_observed;
    std::unique_ptr<Peer> m_observer;
};

void TestRelay::initTestCase()
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

void TestRelay::openObserver()
{
    m_observer = std::make_unique<Peer>(url());
    VERIFY_PEER(m_observer->authenticate(*m_observed), *m_observer);
    VERIFY_PEER(m_observer->pullAll(0), *m_observer);
}

void TestRelay::init()
{
    if (!m_relay->isRunning())
        QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    m_observed = Identity::fresh();
    openObserver();
}

void TestRelay::cleanup()
{
    if (!QTest::currentTestFailed() && m_relay->isRunning())
        goodClientWorks();
    if (QTest::currentTestFailed())
        qWarning("%s", m_relay->describe().constData());
    m_observer.reset();
}

void TestRelay::goodClientWorks()
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
    VERIFY_PEER(confirmed && confirmed->cursor == received->deltas.first().position, *m_observer);
}

void TestRelay::goodClientAuthenticatesPushesPulls()
{
    CALL(goodClientWorks());
}

void TestRelay::pushAcked(const Identity &id, const QList<SealedDelta> &deltas, quint64 upTo)
{
    Peer p(url());
    VERIFY_PEER(p.authenticate(id), p);
    const auto ack = p.push(deltas);
    // The ack names the pushed deltas' origin (usually the pusher itself).
    const QByteArray origin = deltas.isEmpty() ? id.device : deltas.first().origin;
    VERIFY_PEER(ack && ack->origin == origin, p);
    QCOMPARE(ack->upTo, upTo);
}

void TestRelay::pushRefused(const Identity &id, const QList<SealedDelta> &deltas, ErrorCode code)
{
    Peer p(url());
    VERIFY_PEER(p.authenticate(id), p);
    p.send(Push{deltas});
    VERIFY_PEER(p.refusedWith(code), p);
}

void TestRelay::expectStored(const Identity &id, quint64 storedUpTo, quint64 head,
                             const QList<SealedDelta> &first)
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

// Hello names workspace W, but the signature is made with workspace V's key.
void TestRelay::wrongWorkspaceKeyIsRefused()
{
    const Identity member = Identity::fresh();
    const Identity outsider = Identity::fresh();
    Peer p(url());
    VERIFY_PEER(!p.authenticate(member, &outsider), p);
    VERIFY_PEER(p.refusedWith(ErrorCode::AuthFailed), p);
}

void TestRelay::badSignatureBytesAreRefused()
{
    const Identity id = Identity::fresh();
    for (int variant = 0; variant < 3; ++variant) {
        Peer p(url());
        VERIFY_PEER(p.hello(id), p);
        QByteArray signature = AuthProof::sign(id.deviceKeys.secretKey, p.lastNonce(),
                                               id.keys.workspaceId(), id.device);
        if (variant == 0)
            signature[10] = static_cast<char>(signature[10] ^ 0x01); // one bit flipped
        else
            signature = variant == 1 ? randomBytes(64) : QByteArray(64, '\0');
        p.send(Auth{signature});
        VERIFY_PEER(p.refusedWith(ErrorCode::AuthFailed), p);
    }
    Peer p(url()); // 63 bytes is not even a signature: not a frame of the protocol
    VERIFY_PEER(p.hello(id), p);
    p.send(Auth{randomBytes(63)});
    VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
}

// A signature that worked on one connection does not work on the next: fresh challenge.
void TestRelay::replayedSignatureIsRefused()
{
    const Identity id = Identity::fresh();
    Peer first(url());
    VERIFY_PEER(first.authenticate(id), first);
    Peer second(url());
    VERIFY_PEER(second.hello(id), second);
    QVERIFY(second.lastNonce() != first.lastNonce());
    second.send(Auth{first.lastSignature()});
    VERIFY_PEER(second.refusedWith(ErrorCode::AuthFailed), second);
    // Nor can another device of the workspace replay it under its own id.
    Peer third(url());
    VERIFY_PEER(third.hello(id.sibling()), third);
    third.send(Auth{first.lastSignature()});
    VERIFY_PEER(third.refusedWith(ErrorCode::AuthFailed), third);
    // The first, legitimately authenticated connection is unaffected.
    VERIFY_PEER(first.push({id.delta(1)}), first);
}

void TestRelay::garbageBinaryFramesAreRefused()
{
    const Identity id = Identity::fresh();
    const QList<QByteArray> garbage{
        randomBytes(200),
        QByteArray(),
        QByteArray("\xff", 1),
        QByteArray::fromHex("8203182a"),       // [3, 42]: an unknown message type
        QByteArray::fromHex("a0"),             // a map
        encode(Pull{7}) + QByteArray(1, '\0'), // a valid frame with a trailing byte
        encode(id.helloMessage()).chopped(1),
    };
    for (const QByteArray &frame : garbage) {
        for (const bool authenticated : {false, true}) {
            Peer p(url());
            VERIFY_PEER(p.ready(authenticated), p);
            p.sendRaw(frame);
            VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
        }
    }
}

void TestRelay::textFrameIsRefused()
{
    for (const bool authenticated : {false, true}) {
        Peer p(url());
        VERIFY_PEER(p.ready(authenticated), p);
        p.sendText(u"{\"type\": \"hello\"}"_s);
        VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
    }
}

// Over --max-frame-bytes: the connection is closed (the WebSocket layer drops it, 1009).
void TestRelay::oversizedFrameIsClosed()
{
    const Identity id = Identity::fresh();
    for (const bool authenticated : {false, true}) {
        Peer p(url());
        VERIFY_PEER(authenticated ? p.authenticate(id).has_value() : p.waitOpen(), p);
        // A push whose one delta alone is over the limit (and within the protocol's own).
        p.send(Push{{id.delta(1, randomBytes(kMaxFrameBytes + 100))}});
        VERIFY_PEER(p.waitClosed(), p);
        // Not the auth timeout: the size. Just over the limit the relay says so (too-large);
        // far over it, the WebSocket layer closes with "too much data".
        VERIFY_PEER(p.closeReason() == QLatin1String("too-large") ||
                        p.closeCode() == QWebSocketProtocol::CloseCodeTooMuchData,
                    p);
    }
    Peer check(url());
    const auto welcome = check.authenticate(id);
    VERIFY_PEER(welcome && welcome->storedUpTo == 0, check); // nothing of it was stored
}

void TestRelay::idleUnauthenticatedSocketIsClosed()
{
    for (const bool saidHello : {false, true}) {
        Peer p(url());
        QElapsedTimer timer;
        timer.start();
        VERIFY_PEER(saidHello ? p.hello(Identity::fresh()) : p.waitOpen(), p);
        VERIFY_PEER(p.refusedWith(ErrorCode::AuthTimeout), p);
        // Not before the timeout (a lower bound cannot flake; an upper one could on a loaded
        // machine, and refusedWith already waits for the close with a bound of its own).
        QVERIFY2(timer.elapsed() >= kAuthTimeoutMs - 100,
                 qPrintable(QString::number(timer.elapsed())));
    }
    Peer ok(url()); // an authenticated connection is not timed out
    VERIFY_PEER(ok.authenticate(Identity::fresh()), ok);
    // A connection opened after it that never authenticates: once the relay has timed that one
    // out, the timer of the first (started earlier) has run out too.
    Peer later(url());
    VERIFY_PEER(later.waitOpen(), later);
    VERIFY_PEER(later.refusedWith(ErrorCode::AuthTimeout), later);
    VERIFY_PEER(ok.quiet() && !ok.isClosed(), ok);
}

void TestRelay::messagesBeforeAuthAreRefused()
{
    const Identity id = Identity::fresh();
    for (const Message &m : QList<Message>{Push{{id.delta(1)}}, Pull{0}, Auth{randomBytes(64)}}) {
        for (const bool saidHello : {false, true}) {
            if (saidHello && std::holds_alternative<Auth>(m))
                continue; // that is the ordinary bad-signature case
            Peer p(url());
            VERIFY_PEER(saidHello ? p.hello(id) : p.waitOpen(), p);
            p.send(m);
            VERIFY_PEER(p.refusedWith(ErrorCode::NotAuthenticated), p);
        }
    }
    Peer check(url());
    const auto welcome = check.authenticate(id);
    VERIFY_PEER(welcome && welcome->storedUpTo == 0 && welcome->head == 0, check);
}

void TestRelay::unsupportedProtocolIsRefused()
{
    Peer p(url());
    QVERIFY(p.waitOpen());
    const Identity id = Identity::fresh();
    Hello newer = id.helloMessage();
    newer.protocol = kProtocolVersion + 1;
    p.send(newer);
    VERIFY_PEER(p.refusedWith(ErrorCode::UnsupportedVersion), p);
    // A device of protocol 1 (before sealed groups) or 2 (before device trust: serving it would
    // let any holder of the workspace key write under any origin) frames its hello in its
    // version: [version, 0, version, workspace, device, role], no certificate.
    for (const int version : {1, 2}) {
        Peer old(url());
        QVERIFY(old.waitOpen());
        old.sendRaw(QCborValue(QCborArray{version, 0, version, id.keys.workspaceId(), id.device, 0})
                        .toCbor());
        // It is told that it needs an update, with both versions named, in a frame of its
        // own version (the error frame reads the same in every version).
        const auto error = old.expect<Error>();
        VERIFY_PEER(error && error->code == ErrorCode::UpdateRequired, old);
        QCOMPARE(errorCodeName(error->code), u"update-required"_s);
        QVERIFY2(error->text.contains(u"requires protocol 3 or newer"_s) &&
                     error->text.contains(u"speaks protocol %1"_s.arg(version)),
                 qPrintable(error->text));
        QCOMPARE(old.frameVersions(), QList<quint64>{quint64(version)});
        VERIFY_PEER(old.waitClosed(), old);
        QCOMPARE(old.closeReason(), u"update-required"_s);
    }
    // A hello of the current frame that names an older protocol: the same answer.
    Peer claims(url());
    QVERIFY(claims.waitOpen());
    Hello older = id.helloMessage();
    older.protocol = 2;
    claims.send(older);
    VERIFY_PEER(claims.refusedWith(ErrorCode::UpdateRequired), claims);
}

void TestRelay::sequenceGapIsRefusedAndNothingStored()
{
    const Identity id = Identity::fresh();
    const Identity sibling = id.sibling();
    CALL(pushAcked(id, {id.delta(1)}, 1));
    CALL(pushRefused(id, {id.delta(3)}, ErrorCode::SequenceGap));
    // A gap inside one batch: the whole batch is refused, its first delta too.
    CALL(pushRefused(id, {id.delta(2), id.delta(3), id.delta(5)}, ErrorCode::SequenceGap));
    CALL(pushRefused(sibling, {sibling.delta(2)}, ErrorCode::SequenceGap)); // must start at 1
    CALL(expectStored(id, 1, 1));
}

// Same origin and seq, other bytes: a cloned profile. Refused; the first bytes stay.
void TestRelay::conflictingDuplicateIsRefused()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> original = id.deltas(1, 2);
    CALL(pushAcked(id, original, 2));
    CALL(pushRefused(id, {id.delta(1, original[0].sealed + "x")}, ErrorCode::ConflictingDuplicate));
    // Hidden in a batch that also carries a new delta: nothing of it is stored.
    CALL(pushRefused(id, {id.delta(2), id.delta(3)}, ErrorCode::ConflictingDuplicate));
    CALL(expectStored(id, 2, 2, original));
}

void TestRelay::pushingAnotherDevicesOriginIsRefused()
{
    const Identity id = Identity::fresh();
    const Identity other = id.sibling();
    // Two origins in one push: refused, nothing stored.
    CALL(pushRefused(id, {id.delta(1), other.delta(1)}, ErrorCode::WrongOrigin));
    CALL(expectStored(other, 0, 0));
    // One other origin (a copied profile pushing its old identity's deltas): stored under it.
    CALL(pushAcked(id, {other.delta(1)}, 1));
    CALL(expectStored(other, 1, 1));
}

// A retry of the same bytes (the ack was lost) is acknowledged and stored once.
void TestRelay::identicalRepushIsAcknowledged()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> all = id.deltas(1, 4);
    Peer p(url());
    VERIFY_PEER(p.authenticate(id), p);
    for (const auto &[from, upTo] : {std::pair{0, 3}, {0, 3}, {1, 3}, {2, 4}}) {
        const auto ack = p.push(all.mid(from, upTo - from));
        VERIFY_PEER(ack && ack->upTo == quint64(upTo), p);
    }
    CALL(pushAcked(id, all.mid(1, 2), 4)); // on a new connection too
    CALL(expectStored(id, 4, 4, all));
}

// Ack.upTo is "the highest contiguous seq stored" (as Welcome.storedUpTo): an empty push
// changes nothing, so its ack must not claim less than what is stored.
void TestRelay::emptyPushAcknowledgesWhatIsStored()
{
    const Identity id = Identity::fresh();
    CALL(pushAcked(id, id.deltas(1, 2), 2));
    CALL(pushAcked(id, {}, 2));
}

// More deltas in one push than --max-batch: refused as too large (ErrorCode::TooLarge, "frame
// or batch over the limit" in PROTOCOL.md), and nothing is stored.
void TestRelay::oversizedBatchIsRefusedAsTooLarge()
{
    const Identity id = Identity::fresh();
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(id), p);
        p.send(Push{id.deltas(1, kMaxBatch + 1)});
        const auto error = p.expect<Error>();
        VERIFY_PEER(error && p.waitClosed(), p);
        CALL(expectStored(id, 0, 0));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::TooLarge));
    }
}

// Ack means committed: SIGKILL right after the ack, restart, the deltas are there.
void TestRelay::ackedDeltaSurvivesSigkill()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> batch = id.deltas(1, 3);
    Peer p(url());
    VERIFY_PEER(p.authenticate(id), p);
    const auto ack = p.push(batch);
    VERIFY_PEER(ack && ack->upTo == 3, p);
    m_relay->kill();
    VERIFY_PEER(p.waitClosed(), p);
    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    CALL(openObserver());
    CALL(expectStored(id, 3, 3, batch));
}

// 120 deltas, --max-batch 50: 50 (more), 50 (more), 20 (no more), then CaughtUp at 120.
void TestRelay::pullStreamsInBoundedBatches()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> all = id.deltas(1, 120);
    for (qsizetype from = 0; from < all.size(); from += kMaxBatch)
        CALL(pushAcked(id, all.mid(from, kMaxBatch), std::min<qsizetype>(from + kMaxBatch, 120)));
    Peer reader(url());
    const auto welcome = reader.authenticate(id.sibling());
    VERIFY_PEER(welcome && welcome->head == 120, reader);
    reader.send(Pull{0});
    const QList<std::pair<qsizetype, bool>> expected{{50, true}, {50, true}, {20, false}};
    quint64 position = 0;
    for (const auto &[size, more] : expected) {
        const auto batch = reader.expect<Deltas>();
        VERIFY_PEER(batch, reader);
        QCOMPARE(batch->deltas.size(), size);
        QCOMPARE(batch->more, more);
        QVERIFY(!batch->live);
        QVERIFY(sameDeltas(batch->deltas, all.mid(qsizetype(position), size), position + 1));
        position += quint64(size);
        // One batch in flight: nothing more comes until the client asks.
        if (more) {
            VERIFY_PEER(reader.quiet(), reader);
            reader.send(Pull{position});
        }
    }
    const auto caughtUp = reader.expect<CaughtUp>();
    VERIFY_PEER(caughtUp && caughtUp->cursor == 120, reader);
}

// A push reaches, live, the caught-up connections of its workspace, not the pusher, not a
// connection still catching up (it will pull it), and never another workspace.
void TestRelay::liveDeltasReachOnlyCaughtUpPeersOfTheWorkspace()
{
    const Identity a = Identity::fresh();
    const Identity other = Identity::fresh();
    Peer listener(url()), stranger(url()), notCaughtUp(url()), pusher(url());
    VERIFY_PEER(listener.authenticate(a.sibling()), listener);
    VERIFY_PEER(listener.pullAll(0), listener);
    VERIFY_PEER(stranger.authenticate(other), stranger);
    VERIFY_PEER(stranger.pullAll(0), stranger);
    VERIFY_PEER(notCaughtUp.authenticate(a.sibling()), notCaughtUp);
    VERIFY_PEER(pusher.authenticate(a), pusher);
    VERIFY_PEER(pusher.pullAll(0), pusher);

    const QList<SealedDelta> batch = a.deltas(1, 2);
    VERIFY_PEER(pusher.push(batch), pusher);
    const auto live = listener.expect<Deltas>();
    VERIFY_PEER(live && live->live && !live->more && live->deltas.size() == 2, listener);
    QVERIFY(sameDeltas(live->deltas, batch, 1));
    // Live deltas leave before the relay's commit; a caughtUp confirms them once durable, to
    // every caught-up device of the workspace (the writer too, whose cursor may pass its own).
    const auto confirmed = listener.expect<CaughtUp>();
    VERIFY_PEER(confirmed && confirmed->cursor == live->deltas.last().position, listener);
    const auto ownConfirmed = pusher.expect<CaughtUp>();
    VERIFY_PEER(ownConfirmed && ownConfirmed->cursor == confirmed->cursor, pusher);
    // A retry of the same bytes stores nothing new and is not sent again.
    VERIFY_PEER(pusher.push(batch), pusher);
    VERIFY_PEER(listener.quiet(), listener);
    VERIFY_PEER(stranger.quiet(), stranger);
    VERIFY_PEER(pusher.quiet(), pusher);
    VERIFY_PEER(notCaughtUp.quiet(), notCaughtUp);
    QList<Deltas> frames;
    VERIFY_PEER(notCaughtUp.pullAll(0, &frames), notCaughtUp);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().deltas.size(), 2);
    // The other workspace's own pushes do reach it, and not the first workspace.
    const Identity otherDevice = other.sibling();
    Peer otherPusher(url());
    VERIFY_PEER(otherPusher.authenticate(otherDevice), otherPusher);
    VERIFY_PEER(otherPusher.push(otherDevice.deltas(1, 1)), otherPusher);
    VERIFY_PEER(stranger.expect<Deltas>(), stranger);
    VERIFY_PEER(listener.quiet() && notCaughtUp.quiet(), listener);
}

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
