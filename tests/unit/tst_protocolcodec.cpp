// The frames of protocol 3 as the codec writes and reads them: hello carries a certificate,
// every unit its count and signature (64 bytes from a device, 0 or 64 from the relay), the new
// `devices` and `revoke` messages; each bounded (certificate 1..1024 bytes, revocation 1..512,
// at most 1,024 device entries) and every frame of protocol 2 refused as another version.
#include <QCborArray>
#include <QCborValue>
#include <QTest>

#include <protocol/Messages.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using namespace feedback::protocol;

namespace {

SealedDelta signedUnit(quint64 seq, quint64 count = 1)
{
    SealedDelta d{QByteArray(16, 'o'), seq, QByteArray("sealed"), 0, count};
    d.signature = QByteArray(64, 's');
    return d;
}

DecodeResult roundTrip(const Message &m)
{
    return decode(encode(m), limits::kDefaultMaxFrameBytes * 4);
}

// A frame of this version with any items after the type.
QByteArray frame(qint64 type, const QCborArray &fields, qint64 version = kProtocolVersion)
{
    QCborArray f{version, type};
    for (const QCborValue &v : fields)
        f.append(v);
    return QCborValue(f).toCbor();
}

// The one-item list [item]: QCborArray{array} would copy the array instead.
QCborArray listOf(const QCborValue &item)
{
    QCborArray out;
    out.append(item);
    return out;
}

// A frame whose only field after the type is `value` (an array stays one field).
QByteArray frame1(qint64 type, const QCborValue &value, qint64 version = kProtocolVersion)
{
    return frame(type, listOf(value), version);
}

QCborArray unitItem(const QByteArray &signature, qint64 count = 1)
{
    return {QByteArray(16, 'o'), 1, count, QByteArray("sealed"), signature};
}

} // namespace

class TestProtocolCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionSevenServesThree()
    {
        QCOMPARE(kProtocolVersion, 7);
        QCOMPARE(kMinProtocolVersion, 3);
        QCOMPARE(int(ErrorCode::UsedUp), 17);
        QCOMPARE(int(ErrorCode::UnknownInvite), 18);
        QCOMPARE(int(ErrorCode::NotAdmitted), 19);
        QCOMPARE(int(ErrorCode::OverQuota), 20);
        QCOMPARE(errorCodeName(ErrorCode::NotAdmitted), u"not-admitted"_s);
        QCOMPARE(errorCodeName(ErrorCode::OverQuota), u"over-quota"_s);
        QCOMPARE(errorCodeName(ErrorCode::UsedUp), u"used-up"_s);
        QCOMPARE(errorCodeName(ErrorCode::UnknownInvite), u"unknown-invite"_s);
        QCOMPARE(errorCodeName(ErrorCode::Revoked), u"revoked"_s);
        QCOMPARE(errorCodeName(ErrorCode::Forbidden), u"forbidden"_s);
        QCOMPARE(errorCodeName(ErrorCode::Expired), u"expired"_s);
        QCOMPARE(int(ErrorCode::Revoked), 14);
        QCOMPARE(int(ErrorCode::Forbidden), 15);
        QCOMPARE(int(ErrorCode::Expired), 16);
    }

    void roundTrips()
    {
        SealedDelta legacy{QByteArray(16, 'l'), 4, QByteArray("old"), 12, 2};
        SealedDelta positioned = signedUnit(9, 5);
        positioned.position = 13;
        const QList<Message> messages = {
            Hello{kProtocolVersion, QByteArray(32, 'w'), QByteArray(16, 'd'), Role::Kiosk,
                  QByteArray(300, 'c')},
            Push{{signedUnit(1), signedUnit(2, 1024)}},
            Deltas{{legacy, positioned}, true, false},
            Devices{{{QByteArray(200, 'c'), 1'700'000'000'000, {}},
                     {QByteArray(1024, 'c'), 0, QByteArray(512, 'r')}}},
            Devices{},
            Revoke{QByteArray(100, 'r')},
            Invite{QByteArray(32, 'i'), 1'700'000'000'000, 3, {QByteArray(300, 'e')}, {}},
            Invite{QByteArray(32, 'i'),
                   5,
                   2,
                   {QByteArray(4096, 'e'), QByteArray(1, 'e')},
                   {QByteArray(16, 'k'), QByteArray(16, 'l')}},
            Invite{QByteArray(32, 'i'), 0, 0, {}, {}},
            Invited{QByteArray(32, 'i'), 100},
            Claim{QByteArray(32, 'i')},
            Envelope{QByteArray(200, 'e')},
        };
        for (const Message &m : messages) {
            const DecodeResult r = roundTrip(m);
            QVERIFY2(r.message.has_value(), qPrintable(r.error));
            QVERIFY(*r.message == m);
        }
    }

    // A version-3 device is served in its own version: its frames decode, and frames to it are
    // written in it; the invite messages do not exist in version 3.
    void versionThreeFramesAndInviteMessages()
    {
        const DecodeResult push = decode(encode(Push{{signedUnit(1)}}, 3));
        QVERIFY2(push.message && push.version == 3, qPrintable(push.error));
        const DecodeResult claimV3 = decode(frame1(14, QByteArray(32, 'i'), 3));
        QVERIFY(!claimV3.message && !claimV3.unsupportedVersion);
        QVERIFY(decode(frame1(14, QByteArray(32, 'i'))).message);
        QVERIFY(decode(frame1(5, QCborArray{}, kProtocolVersion + 1)).unsupportedVersion);
        QVERIFY(decode(frame1(5, QCborArray{}, 2)).unsupportedVersion);
    }

    void inviteMessagesBounded()
    {
        const auto invite = [](qint64 uses, const QCborArray &envelopes,
                               const QCborArray &devices) {
            return frame(12, {QByteArray(32, 'i'), 1000, uses, envelopes, devices});
        };
        QVERIFY(decode(invite(100, listOf(QByteArray(4096, 'e')), {})).message);
        QVERIFY(!decode(invite(101, listOf(QByteArray(10, 'e')), {})).message);
        QVERIFY(!decode(invite(1, listOf(QByteArray(4097, 'e')), {})).message);
        QVERIFY(!decode(invite(1, listOf(QByteArray()), {})).message);
        QVERIFY(
            !decode(invite(1, listOf(QByteArray(10, 'e')), listOf(QByteArray(15, 'k')))).message);
        QCborArray many;
        for (int i = 0; i < 101; ++i)
            many.append(QByteArray(1, 'e'));
        QVERIFY(!decode(invite(100, many, {})).message);
        QVERIFY(!decode(frame1(14, QByteArray(31, 'i'))).message);
        QVERIFY(!decode(frame1(15, QByteArray(4097, 'e'))).message);
        QVERIFY(!decode(frame1(15, QByteArray())).message);
    }

    // Version 5's rotate and epochs: round trips, exact envelope sizes, bounded lists, and not
    // part of versions 3 and 4.
    void epochMessagesBounded()
    {
        const Rotate rotate{QByteArray(300, 's'),
                            {{QByteArray(16, 'd'), QByteArray(80, 'e')},
                             {QByteArray(16, 'f'), QByteArray(80, 'g')}}};
        const DecodeResult r = decode(encode(rotate));
        QVERIFY2(r.message && std::get<Rotate>(*r.message) == rotate, qPrintable(r.error));
        const Epochs epochs{
            {{QByteArray(200, 's'), QByteArray()}, {QByteArray(210, 't'), QByteArray(80, 'e')}}};
        const DecodeResult e = decode(encode(epochs));
        QVERIFY2(e.message && std::get<Epochs>(*e.message) == epochs, qPrintable(e.error));
        const auto pair = [](const QByteArray &a, const QByteArray &b) {
            return QCborValue(QCborArray{a, b});
        };
        // Envelopes of exactly 80 bytes (or none, in epochs); statements of 1..2048 bytes.
        QVERIFY(!decode(frame(16, {QByteArray(10, 's'),
                                   listOf(pair(QByteArray(16, 'd'), QByteArray(79, 'e')))}))
                     .message);
        QVERIFY(!decode(frame(16, {QByteArray(10, 's'),
                                   listOf(pair(QByteArray(15, 'd'), QByteArray(80, 'e')))}))
                     .message);
        QVERIFY(!decode(frame(16, {QByteArray(2049, 's'), QCborArray{}})).message);
        QVERIFY(!decode(frame(16, {QByteArray(), QCborArray{}})).message);
        QVERIFY(decode(frame(16, {QByteArray(2048, 's'), QCborArray{}})).message);
        QVERIFY(
            !decode(frame1(17, listOf(pair(QByteArray(10, 's'), QByteArray(40, 'e'))))).message);
        QCborArray many;
        for (int i = 0; i <= limits::kMaxEpochs; ++i)
            many.append(pair(QByteArray(10, 's'), QByteArray()));
        QVERIFY(!decode(frame1(17, many)).message);
        many.removeLast();
        QVERIFY(decode(frame1(17, many)).message);
        // Not in versions 3 and 4.
        QVERIFY(!decode(frame1(17, QCborArray{}, 4)).message);
        QVERIFY(!decode(frame(16, {QByteArray(10, 's'), QCborArray{}}, 3)).message);
    }

    void helloCertificateBounded()
    {
        Hello hello{kProtocolVersion, QByteArray(32, 'w'), QByteArray(16, 'd'), Role::Full, {}};
        QVERIFY(!decode(encode(hello)).message); // a certificate is required
        hello.certificate = QByteArray(1025, 'c');
        QVERIFY(!decode(encode(hello)).message);
        hello.certificate.chop(1);
        QVERIFY(decode(encode(hello)).message);
        // Protocol 2's hello (six items, no certificate) is not a frame of this version.
        QVERIFY(!decode(frame(0, {2, QByteArray(32, 'w'), QByteArray(16, 'd'), 0})).message);
    }

    void unitSignatureSizes()
    {
        // From a device: exactly 64 bytes.
        for (const int size : {0, 63, 65}) {
            const DecodeResult r = decode(frame1(5, listOf(unitItem(QByteArray(size, 's')))));
            QVERIFY2(!r.message, qPrintable(QString::number(size)));
        }
        QVERIFY(decode(frame1(5, listOf(unitItem(QByteArray(64, 's'))))).message);
        // From the relay: 64, or none for a unit stored under protocol 2.
        for (const int size : {0, 64}) {
            QCborArray item = unitItem(QByteArray(size, 's'));
            item.prepend(1);
            QVERIFY(decode(frame(8, {listOf(item), false, false, QByteArray()})).message);
        }
        for (const int size : {1, 63, 65}) {
            QCborArray item = unitItem(QByteArray(size, 's'));
            item.prepend(1);
            QVERIFY2(!decode(frame(8, {listOf(item), false, false, QByteArray()})).message,
                     qPrintable(QString::number(size)));
        }
    }

    void unitCountAlwaysPresent()
    {
        QVERIFY(!decode(frame1(5, listOf(unitItem(QByteArray(64, 's'), 0)))).message);
        QVERIFY(!decode(frame1(5, listOf(unitItem(QByteArray(64, 's'), 1025)))).message);
        QVERIFY(decode(frame1(5, listOf(unitItem(QByteArray(64, 's'), 1024)))).message);
        // Protocol 2's single unit: [origin, seq, sealed], no count, no signature.
        QVERIFY(!decode(frame1(5, listOf(QCborArray{QByteArray(16, 'o'), 1, "x"_ba}))).message);
    }

    void devicesBounded()
    {
        QCborArray entries;
        for (int i = 0; i < limits::kMaxDevices; ++i)
            entries.append(QCborArray{QByteArray(1, 'c'), i, QByteArray()});
        QVERIFY(decode(frame1(10, entries)).message);
        entries.append(QCborArray{QByteArray(1, 'c'), 0, QByteArray()});
        const DecodeResult over = decode(frame1(10, entries));
        QVERIFY(!over.message);
        QVERIFY(over.tooLarge);

        const QList<QCborArray> bad = {
            {QByteArray(), 0, QByteArray()},               // empty certificate
            {QByteArray(1025, 'c'), 0, QByteArray()},      // certificate over 1,024 bytes
            {QByteArray(1, 'c'), -1, QByteArray()},        // negative last seen
            {QByteArray(1, 'c'), 0, QByteArray(513, 'r')}, // revocation over 512 bytes
            {QByteArray(1, 'c'), 0},                       // two fields
            {QByteArray(1, 'c'), 0, QByteArray(), 0},      // four fields
            {QByteArray(1, 'c'), 0, u"text"_s},            // revocation not bytes
        };
        for (qsizetype i = 0; i < bad.size(); ++i)
            QVERIFY2(!decode(frame1(10, listOf(bad[i]))).message, qPrintable(QString::number(i)));
        QVERIFY(!decode(frame(10, {QByteArray("x")})).message);
    }

    void revokeBounded()
    {
        QVERIFY(!decode(frame(11, {QByteArray()})).message);
        QVERIFY(!decode(frame(11, {QByteArray(513, 'r')})).message);
        QVERIFY(decode(frame(11, {QByteArray(512, 'r')})).message);
        QVERIFY(!decode(frame(11, {QByteArray(10, 'r'), 0})).message); // extra field
        QVERIFY(!decode(frame(12, {QByteArray(10, 'r')})).message);    // no type 12
    }

    // Version 6: pull, deltas and caught-up carry the chain value (empty or 16 bytes) as one more
    // item; frames of versions 3 to 5 keep their old width, and each version's width is the only
    // one it accepts.
    void chainOnlyFromVersionSix()
    {
        const QByteArray chain(limits::kChainBytes, 'c');
        for (const Message &m : {Message(Pull{5, chain}), Message(CaughtUp{8, chain}),
                                 Message(Deltas{{}, false, true, chain}), Message(Pull{5})}) {
            const DecodeResult r = roundTrip(m);
            QVERIFY2(r.message && *r.message == m, qPrintable(r.error));
        }
        // Written in version 5: no chain item, and read back without one.
        const DecodeResult v5 = decode(encode(Pull{5, chain}, 5));
        QVERIFY2(v5.message && std::get<Pull>(*v5.message) == Pull{5}, qPrintable(v5.error));
        QCOMPARE(QCborValue::fromCbor(encode(CaughtUp{8, chain}, 5)).toArray().size(), 3);
        QVERIFY(!decode(frame(7, {5}, 6)).message);                   // version 6 needs the chain
        QVERIFY(!decode(frame(7, {5, chain}, 5)).message);            // version 5 has none
        QVERIFY(!decode(frame(7, {5, QByteArray(15, 'c')})).message); // 0 or 16 bytes
        QVERIFY(!decode(frame(9, {5, 7})).message);
        QVERIFY(decode(frame(7, {5, QByteArray()})).message);
    }

    void snapshotMessages()
    {
        const SnapshotPart part{QByteArray(16, 'i'),
                                2,
                                3,
                                {{QByteArray(16, 'a'), 1}, {QByteArray(16, 'b'), limits::kMaxSeq}},
                                QByteArray(limits::kMaxSealedDeltaBytes, 'p'),
                                QByteArray(64, 's')};
        for (const Message &m :
             {Message(PutSnapshot{part}),
              Message(SnapshotData{7, QByteArray(16, 'm'), part, QByteArray(16, 'c')}),
              Message(SnapshotData{7, QByteArray(16, 'm'), part, {}}),
              Message(SnapshotStored{QByteArray(16, 'i'), 7}), Message(Diverged{3})}) {
            const DecodeResult r = roundTrip(m);
            QVERIFY2(r.message && *r.message == m, qPrintable(r.error));
            QCOMPARE(firstVersionOf(m), 6);
        }
        // None of them exists before version 6.
        QVERIFY(!decode(frame(21, {3}, 5)).message);
        QVERIFY(decode(frame(21, {3}, 6)).message);
        const auto put = [](const QCborArray &covers, qint64 index, qint64 parts,
                            qsizetype sealed = 10) {
            return decode(frame(18, {QByteArray(16, 'i'), index, parts, covers,
                                     QByteArray(sealed, 'p'), QByteArray(64, 's')}),
                          limits::kDefaultMaxFrameBytes * 4);
        };
        const QCborArray ab{QCborArray{QByteArray(16, 'a'), 1}, QCborArray{QByteArray(16, 'b'), 2}};
        const QCborArray ba{QCborArray{QByteArray(16, 'b'), 1}, QCborArray{QByteArray(16, 'a'), 2}};
        const QCborArray twice{QCborArray{QByteArray(16, 'a'), 1},
                               QCborArray{QByteArray(16, 'a'), 2}};
        QVERIFY(put(ab, 0, 1).message);
        QVERIFY(!put(ba, 0, 1).message);    // one order, so every part signs the same bytes
        QVERIFY(!put(twice, 0, 1).message); // an origin twice
        QVERIFY(!put(listOf(QCborArray{QByteArray(16, 'a'), 0}), 0, 1).message);
        QVERIFY(!put(listOf(QCborArray{QByteArray(15, 'a'), 1}), 0, 1).message);
        QVERIFY(!put(ab, 1, 1).message); // part 1 of 1
        QVERIFY(!put(ab, 0, 0).message);
        const DecodeResult many = put(ab, 0, qint64(limits::kMaxSnapshotParts) + 1);
        QVERIFY(!many.message && many.tooLarge);
        QVERIFY(!put(ab, 0, 1, 0).message);
        QVERIFY(!put(ab, 0, 1, limits::kMaxSealedDeltaBytes + 1).message);
        QCborArray tooMany;
        for (qsizetype i = 0; i <= limits::kMaxSnapshotOrigins; ++i) {
            QByteArray origin(16, '\0');
            origin[14] = char(i >> 8);
            origin[15] = char(i & 0xff);
            tooMany.append(QCborArray{origin, 1});
        }
        const DecodeResult over = put(tooMany, 0, 1);
        QVERIFY(!over.message && over.tooLarge);
    }

    // `have` is spoken between nearby devices only: a relay decodes version 7 (for presence) and
    // refuses it as an unexpected message (tst_relaypresence).
    void peerVersionIsForPeersOnly()
    {
        const Have have{{{QByteArray(16, 'a'), 3}, {QByteArray(16, 'b'), limits::kMaxSeq}}};
        const QByteArray bytes = encode(have, kPeerProtocolVersion);
        const DecodeResult peer = decode(bytes, limits::kDefaultMaxFrameBytes,
                                         limits::kDefaultMaxBatch, kPeerProtocolVersion);
        QVERIFY2(peer.message && *peer.message == Message(have), qPrintable(peer.error));
        QCOMPARE(firstVersionOf(have), 7);
        QCOMPARE(kPeerProtocolVersion, 7);
        QCOMPARE(kPeerPresenceVersion, 8);
        // A have in a frame of version 6 is not one.
        QVERIFY(!decode(frame(22, listOf(QCborArray()), 6), limits::kDefaultMaxFrameBytes,
                        limits::kDefaultMaxBatch, kPeerProtocolVersion)
                     .message);
        // The relay protocol's messages read the same on a peer connection.
        const Deltas deltas{
            {SealedDelta{QByteArray(16, 'a'), 1, QByteArray(8, 's'), 0, 1, QByteArray(64, 'g')}},
            true,
            true,
            {}};
        const DecodeResult d =
            decode(encode(deltas, kPeerProtocolVersion), limits::kDefaultMaxFrameBytes,
                   limits::kDefaultMaxBatch, kPeerProtocolVersion);
        QVERIFY2(d.message && *d.message == Message(deltas), qPrintable(d.error));
        // Bounded and ordered like a snapshot's covers.
        const auto haveOf = [](const QCborArray &covers) {
            QCborArray fields;
            fields.append(covers); // one item: the list (braces would copy it)
            return decode(frame(22, fields, kPeerProtocolVersion), limits::kDefaultMaxFrameBytes,
                          limits::kDefaultMaxBatch, kPeerProtocolVersion);
        };
        QVERIFY(haveOf(QCborArray{}).message);
        QVERIFY(!haveOf(listOf(QCborArray{QByteArray(16, 'a'), 0})).message);
        QVERIFY(!haveOf(QCborArray{QCborArray{QByteArray(16, 'b'), 1},
                                   QCborArray{QByteArray(16, 'a'), 1}})
                     .message);
        QCborArray tooMany;
        for (qsizetype i = 0; i <= limits::kMaxSnapshotOrigins; ++i) {
            QByteArray origin(16, '\0');
            origin[14] = char(i >> 8);
            origin[15] = char(i & 0xff);
            tooMany.append(QCborArray{origin, 1});
        }
        const DecodeResult over = haveOf(tooMany);
        QVERIFY(!over.message && over.tooLarge);
    }

    void protocolTwoIsAnotherVersion()
    {
        const DecodeResult r = decode(frame(7, {0}, 2)); // a protocol-2 pull
        QVERIFY(!r.message);
        QVERIFY(r.unsupportedVersion);
        QCOMPARE(r.version, 2u);
        // Its error frame still reads, so an old device can be told to update.
        const DecodeResult error = decode(encode(Error{ErrorCode::UpdateRequired, u"x"_s}, 2));
        QVERIFY(error.message);
    }
};

QTEST_GUILESS_MAIN(TestProtocolCodec)
#include "tst_protocolcodec.moc"
