// Invite codes: a full device's and a kiosk's round trip; a code of the first release still
// reads; a kiosk code whose certificate does not verify, is not a kiosk's or certifies another
// key is refused as damaged, as is a code mistyped or cut short.
#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>
#include <QTest>

#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <sync/InviteClaim.h>
#include <sync/InviteCode.h>
#include <sync/WorkspaceKeys.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

const QString kUrl = u"wss://relay.example:8443"_s;

// A code written by hand as the format says: prefix + base64url(CBOR fields + 4 checksum bytes).
QString handWritten(const QString &prefix, const QCborArray &fields)
{
    const QByteArray payload = QCborValue(fields).toCbor();
    const QByteArray sum = QCryptographicHash::hash(payload, QCryptographicHash::Sha256);
    return prefix + QString::fromLatin1(QByteArray(payload + sum.left(4))
                                            .toBase64(QByteArray::Base64UrlEncoding |
                                                      QByteArray::OmitTrailingEquals));
}

struct KioskCode
{
    sync::WorkspaceKeys keys = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
    protocol::DeviceKeyPair pair = protocol::DeviceKeyPair::generate();
    protocol::DeviceCertificate fields = [this] {
        protocol::DeviceCertificate c;
        c.workspace = keys.workspaceId();
        c.device = QByteArray(16, '\x42');
        c.publicKey = pair.publicKey;
        c.role = protocol::Role::Kiosk;
        c.name = u"Lobby"_s;
        c.issuedAtMs = 1'700'000'000'000;
        return c;
    }();

    sync::KioskEnrolment enrolment(const QByteArray &signingKey) const
    {
        return {keys.workspaceId(), keys.boxPublicKey(), pair.secretKey,
                protocol::DeviceCertificate::issue(signingKey, fields)};
    }
    QString code(const QByteArray &signingKey) const
    {
        return sync::InviteCode::encode({kUrl, QByteArray(), enrolment(signingKey)});
    }
};

} // namespace

class TestInviteCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The claim goes in the first version that has it (4), which every relay holding invites
    // serves: a device of this release joins through a relay that is not updated yet.
    void aClaimIsInTheOldestVersionThatHasIt()
    {
        struct Recorder : sync::SyncTransport
        {
            QList<QByteArray> frames;
            void open() override { Q_EMIT opened(); }
            void close() override {}
            void send(const QByteArray &frame) override { frames.append(frame); }
        } transport;
        sync::InviteTicket ticket;
        ticket.relayUrl = u"ws://127.0.0.1:1"_s;
        ticket.workspaceId = QByteArray(32, 'w');
        ticket.secret = QByteArray(32, 's');
        sync::InviteClaim claim(ticket, QString(), &transport);
        claim.start(60000, [](const Result<sync::Invite> &) {});
        QCOMPARE(transport.frames.size(), 1);
        const protocol::DecodeResult sent = protocol::decode(transport.frames.first());
        QVERIFY(sent.message && std::holds_alternative<protocol::Claim>(*sent.message));
        QCOMPARE(sent.version, quint64(4));
    }

    void fullCodeRoundTrips()
    {
        const QByteArray secret = sync::WorkspaceKeys::newSecret();
        const auto invite = sync::InviteCode::decode(sync::InviteCode::encode({kUrl, secret}));
        QVERIFY2(invite, qPrintable(invite.error()));
        QCOMPARE(invite->relayUrl, kUrl);
        QCOMPARE(invite->secret, secret);
        QVERIFY(!invite->kiosk);
        QCOMPARE(invite->role(), protocol::Role::Full);
    }

    // A ticket names further relays of the same database only when there are any: without
    // them the code has the six fields every release so far reads; with them a seventh. A
    // seventh field that is not a list of URLs is damage.
    void ticketsCarryFurtherRelays()
    {
        sync::InviteTicket ticket{kUrl,
                                  protocol::Role::Kiosk,
                                  QByteArray(32, '\x01'),
                                  QByteArray(32, '\x02'),
                                  1'900'000'000'000,
                                  QByteArray()};
        const QString plain = sync::InviteCode::encode(ticket);
        const auto fields = [](const QString &code) {
            const QByteArray raw =
                QByteArray::fromBase64(code.mid(4).toLatin1(), QByteArray::Base64UrlEncoding);
            return QCborValue::fromCbor(raw.chopped(4)).toArray();
        };
        QCOMPARE(fields(plain).size(), 6);
        auto invite = sync::InviteCode::decode(plain);
        QVERIFY2(invite && invite->ticket, qPrintable(invite.error()));
        QVERIFY(invite->ticket->fallbackRelays.isEmpty());

        ticket.fallbackRelays = {u"wss://b.example:8443"_s, u"wss://c.example"_s};
        const QString withOthers = sync::InviteCode::encode(ticket);
        QCOMPARE(fields(withOthers).size(), 7);
        invite = sync::InviteCode::decode(withOthers);
        QVERIFY2(invite && invite->ticket, qPrintable(invite.error()));
        QCOMPARE(invite->ticket->fallbackRelays, ticket.fallbackRelays);
        QCOMPARE(invite->relayUrl, kUrl);

        QCborArray bad = fields(withOthers);
        for (const QCborValue &seventh :
             {QCborValue(QCborArray{42}), QCborValue(QCborArray{}),
              QCborValue(u"wss://b.example"_s), QCborValue(QCborArray{u"http://b.example"_s})}) {
            bad[6] = seventh;
            const auto refused = sync::InviteCode::decode(handWritten(u"cf2-"_s, bad));
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(u"damaged"_s), qPrintable(refused.error()));
        }
    }

    void codeOfTheFirstReleaseStillReads()
    {
        // cf1- + [url, secret], written by hand as it was.
        const QByteArray secret(32, '\x07');
        const auto invite = sync::InviteCode::decode(handWritten(u"cf1-"_s, {kUrl, secret}));
        QVERIFY2(invite, qPrintable(invite.error()));
        QCOMPARE(invite->secret, secret);
    }

    void kioskCodeRoundTripsAndHoldsNoSecret()
    {
        const KioskCode k;
        const auto invite =
            sync::InviteCode::decode(u"  "_s + k.code(k.keys.signingKey()) + u"\n"_s);
        QVERIFY2(invite, qPrintable(invite.error()));
        QCOMPARE(invite->role(), protocol::Role::Kiosk);
        QVERIFY(invite->secret.isEmpty());
        QCOMPARE(invite->kiosk->workspaceId, k.keys.workspaceId());
        QCOMPARE(invite->kiosk->boxPublicKey, k.keys.boxPublicKey());
        QCOMPARE(invite->kiosk->deviceSecretKey, k.pair.secretKey);
    }

    void kioskCodeWithABadCertificateIsRefused()
    {
        KioskCode k;
        const auto refused = [](const QString &code, const QString &why) {
            const auto invite = sync::InviteCode::decode(code);
            return !invite && invite.error().contains(u"damaged"_s) && invite.error().contains(why);
        };
        // Signed with another workspace's key.
        const auto other = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        QVERIFY(refused(k.code(other.signingKey()), u"does not verify"_s));
        // A full device's certificate in a kiosk's code.
        k.fields.role = protocol::Role::Full;
        QVERIFY(refused(k.code(k.keys.signingKey()), u"not a kiosk's"_s));
        // A certificate for another key than the one the code carries.
        k.fields.role = protocol::Role::Kiosk;
        k.fields.publicKey = protocol::DeviceKeyPair::generate().publicKey;
        QVERIFY(refused(k.code(k.keys.signingKey()), u"another key"_s));
    }

    void mistypedAndTruncatedCodesAreRefused()
    {
        const QString code = sync::InviteCode::encode({kUrl, sync::WorkspaceKeys::newSecret()});
        QString typo = code;
        typo[10] = typo[10] == u'A' ? u'B' : u'A';
        for (const QString &bad : {code.left(code.size() - 3), typo,
                                   QString(u"cf2-"_s + code.mid(4)), u"cf1-***"_s, QString()}) {
            const auto invite = sync::InviteCode::decode(bad);
            QVERIFY2(!invite && invite.error().contains(u"damaged"_s), qPrintable(bad));
        }
    }
};

QTEST_GUILESS_MAIN(TestInviteCode)
#include "tst_invitecode.moc"
