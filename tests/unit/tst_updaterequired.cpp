// "Update required" on the device side: error frames read the same in every protocol version,
// and a sync session told by the relay that it is too old, or handed a delta of a newer
// format, stops with an error that names the versions and that callers recognise by a flag
// (SyncSession::updateRequired), not by its text. The relay's side is in tst_relay.
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#ifndef Q_MOC_RUN
#include "NextVersionCodec.h"

#include <core/BookCodec.h>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <sync/SyncSession.h>
#endif

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;

namespace {

// A connection that is a script: what the session sends is decoded into `sent`, and frames
// are handed to it as a relay of any version would send them.
class ScriptedTransport : public sync::SyncTransport
{
public:
    QList<Message> sent;

    void open() override { Q_EMIT opened(); }
    void close() override { Q_EMIT closed(u"closed by the session"_s); }
    void send(const QByteArray &frame) override { sent.append(*decode(frame).message); }
    void deliver(const QByteArray &frame) { Q_EMIT frameReceived(frame); }
};

} // namespace

class TestUpdateRequired : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<ScriptedTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    QByteArray m_secret;

private Q_SLOTS:
    void init()
    {
        m_session.reset();
        m_transport.reset();
        m_store.reset();
        QFile::remove(m_dir.filePath(u"s.db"_s));
        auto s =
            store::FeedbackStore::open(m_dir.filePath(u"s.db"_s), store::SecretKey::random(), {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
        m_secret = sync::WorkspaceKeys::newSecret();
        m_transport = std::make_unique<ScriptedTransport>();
        m_session = std::make_unique<sync::SyncSession>(
            *m_store, *sync::WorkspaceKeys::fromSecret(m_secret), m_transport.get());
    }

    void errorFramesReadTheSameInEveryVersion()
    {
        for (const int version : {1, kProtocolVersion, kProtocolVersion + 1}) {
            const QByteArray frame = encode(Error{ErrorCode::UpdateRequired, u"why"_s}, version);
            QCOMPARE(QCborValue::fromCbor(frame).toArray().at(0).toInteger(), version);
            const DecodeResult r = decode(frame);
            QVERIFY2(r.message, qPrintable(r.error));
            QCOMPARE(std::get<Error>(*r.message), (Error{ErrorCode::UpdateRequired, u"why"_s}));
            QCOMPARE(r.version, quint64(version));
        }
        // Any other message of another version is refused, and says which version it was.
        QByteArray pull = encode(Pull{5});
        pull[1] = char(kProtocolVersion + 1);
        const DecodeResult other = decode(pull);
        QVERIFY(!other.message && other.unsupportedVersion);
        QCOMPARE(other.version, quint64(kProtocolVersion + 1));
        QCOMPARE(errorCodeName(ErrorCode::UpdateRequired), u"update-required"_s);
    }

    void errorCodesHaveTheNamesOfProtocolMd()
    {
        // The names are on the wire (the relay's close reason) and in events: PROTOCOL.md's
        // table of error codes is what they must stay.
        QFile doc(QStringLiteral(FEEDBACK_PROTOCOL_MD));
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        static const QRegularExpression row(u"^\\| (\\d+) \\| ([a-z-]+) \\|"_s);
        int rows = 0;
        bool inSection = false;
        for (const QString &line : QString::fromUtf8(doc.readAll()).split(u'\n')) {
            if (line.startsWith(u"## "_s))
                inSection = line == u"## Error codes"_s;
            const QRegularExpressionMatch m = row.match(line);
            if (!inSection || !m.hasMatch())
                continue;
            const auto code = ErrorCode(m.captured(1).toUShort());
            QCOMPARE(errorCodeName(code), m.captured(2));
            QVERIFY(errorCodeFromName(m.captured(2)) == code);
            ++rows;
        }
        QCOMPARE(rows, int(ErrorCode::OverQuota)); // the last code
        // A code this program does not know (a newer relay's) is named, and no name means it.
        QCOMPARE(errorCodeName(ErrorCode(0)), u"unknown"_s);
        QCOMPARE(errorCodeName(ErrorCode(int(ErrorCode::OverQuota) + 1)), u"unknown"_s);
        QVERIFY(!errorCodeFromName(u"unknown"_s));
        QVERIFY(!errorCodeFromName(QString()));
    }

    void relayThatRequiresANewerProtocolSaysUpdateRequired()
    {
        m_session->start();
        QVERIFY(std::holds_alternative<Hello>(m_transport->sent.value(0)));
        // A relay of a later version answers in its own frame version.
        const QString said = u"update required: this relay requires protocol 3 or newer; this "
                             u"device speaks protocol 2"_s;
        m_transport->deliver(encode(Error{ErrorCode::UpdateRequired, said}, kProtocolVersion + 1));
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY(m_session->updateRequired());
        QVERIFY2(m_session->lastError().startsWith(u"update required: "_s) &&
                     m_session->lastError().contains(said),
                 qPrintable(m_session->lastError()));
        // Another refusal is not an update to make.
        init();
        m_session->start();
        m_transport->deliver(encode(Error{ErrorCode::AuthFailed, u"no"_s}));
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY(!m_session->updateRequired());
    }

    // A change of a newer format is not damage and no reason to stop: it is set aside with an
    // "update required" reason (its bytes kept for after the update), the cursor moves on, the
    // rest of the batch applies and the session says update required without failing.
    void deltaOfANewerFormatIsSetAsideAndSaysUpdateRequired()
    {
        m_session->start();
        m_transport->deliver(encode(Challenge{AuthProof::newChallenge()}));
        m_transport->deliver(encode(Welcome{1, 0}));
        const QByteArray origin(16, '\x5a');
        nextversion::DeltaWriter w({origin});
        w.record(w.mint(0, 1, 5), QCborMap{{1, nextversion::valueLeaf(5)}});
        const auto keys = sync::WorkspaceKeys::fromSecret(m_secret);
        const SealedDelta unit{origin, 1, keys->seal(w.bytes(2), origin, 1), 1};
        m_transport->deliver(encode(Deltas{{unit}, false, false}));
        QVERIFY(m_session->state() != sync::SyncState::Error);
        QVERIFY(m_session->updateRequired());
        QCOMPARE(m_session->cursor(), quint64{1}); // the device goes on with everything else
        const auto aside = m_store->quarantined();
        QVERIFY2(aside.ok(), qPrintable(aside.error()));
        QCOMPARE(aside->size(), 1);
        const QString reason = aside->first().reason;
        QVERIFY2(reason.startsWith(u"update required: "_s) &&
                     reason.contains(u"format version 2"_s) && reason.contains(u"reads up to 1"_s),
                 qPrintable(reason));
        QVERIFY(!m_store->quarantinedBody(aside->first())->isEmpty()); // kept for after the update
    }
};

QTEST_GUILESS_MAIN(TestUpdateRequired)
#include "tst_updaterequired.moc"
