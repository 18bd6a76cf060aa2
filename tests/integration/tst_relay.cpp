// The wire protocol spoken directly to a real feedback-relay process (env FEEDBACK_RELAY) over
// QWebSocket: every misbehaving client (wrong key, bad or replayed signature, garbage, text or
// oversized frames, silence, messages before auth, an old protocol) is refused or closed, and the
// relay goes on serving the others. Pushes and pulls: tst_relaypush.
#include "RelayTestSupport.h"

#include <QCborArray>
#include <QCborValue>
#include <QElapsedTimer>

using namespace feedback::test;

class TestRelay : public QObject, public RelayFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startRelay(); }
    void init() { beforeEach(); }
    void cleanup() { afterEach(); }
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
    void protocolThreeDeviceIsServedInItsOwnVersion();
};

void TestRelay::goodClientAuthenticatesPushesPulls()
{
    CALL(goodClientWorks());
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

// Protocol 4 only added the invite messages: a device of the previous release (protocol 3)
// authenticates, pushes, pulls and gets live deltas as before, every frame to it in version 3,
// while a protocol-4 device of the same workspace gets the same deltas in version 4.
void TestRelay::protocolThreeDeviceIsServedInItsOwnVersion()
{
    const Identity older = Identity::fresh();
    const Identity newer = older.sibling();
    Peer three(url());
    three.speak(3);
    VERIFY_PEER(three.authenticate(older), three);
    const auto ack = three.push(older.deltas(1, 2));
    VERIFY_PEER(ack && ack->upTo == 2, three);
    VERIFY_PEER(three.pullAll(0), three);
    Peer four(url());
    four.speak(4); // the previous release's version; version 5 adds only the epoch messages
    VERIFY_PEER(four.authenticate(newer), four);
    QList<Deltas> caughtUp;
    VERIFY_PEER(four.pullAll(0, &caughtUp), four);
    QCOMPARE(caughtUp.size(), 1);
    QCOMPARE(caughtUp.first().deltas.size(), 2);
    // Live both ways: one push each, each seen by the other in its own version (then the
    // confirmation every live device gets, the writer too).
    VERIFY_PEER(four.push({newer.delta(1)}), four);
    VERIFY_PEER(four.expect<CaughtUp>(), four);
    const auto toThree = three.expect<Deltas>();
    VERIFY_PEER(toThree && toThree->live && toThree->deltas.first().origin == newer.device, three);
    VERIFY_PEER(three.expect<CaughtUp>(), three);
    VERIFY_PEER(three.push({older.delta(3)}), three);
    VERIFY_PEER(three.expect<CaughtUp>(), three);
    const auto toFour = four.expect<Deltas>();
    VERIFY_PEER(toFour && toFour->live && toFour->deltas.first().origin == older.device, four);
    VERIFY_PEER(four.expect<CaughtUp>(), four);
    for (const quint64 version : three.frameVersions())
        QCOMPARE(version, 3u);
    for (const quint64 version : four.frameVersions())
        QCOMPARE(version, 4u);
    // The invite messages are not part of version 3, and the refusal is in version 3 too.
    three.sendRaw(QCborValue(QCborArray{3, 14, randomBytes(32)}).toCbor()); // a claim
    VERIFY_PEER(three.refusedWith(ErrorCode::BadFrame), three);
    QCOMPARE(three.frameVersions().last(), 3u);

    // One connection, one version: a version-4 frame after a version-3 hello is refused (its
    // answer would have to be written in a version that lacks it), in version 3.
    Peer mixed(url());
    mixed.speak(3);
    VERIFY_PEER(mixed.authenticate(older.sibling()), mixed);
    mixed.speak(4);
    mixed.send(Invite{randomBytes(32), 1, 1, {randomBytes(100)}, {}});
    VERIFY_PEER(mixed.refusedWith(ErrorCode::BadFrame), mixed);
    QCOMPARE(mixed.frameVersions().last(), 3u);
    // A hello that names another served protocol than its frame's.
    Peer naming(url());
    QVERIFY(naming.waitOpen());
    Hello hello = older.sibling().helloMessage();
    hello.protocol = 3;
    naming.send(hello); // in a version-4 frame
    VERIFY_PEER(naming.refusedWith(ErrorCode::BadFrame), naming);
}

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
