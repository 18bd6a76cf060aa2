// CborReader against Qt's own CBOR parser on seeded random input: values of random shape
// (integers, booleans, texts in and beyond ASCII, byte strings, arrays and maps, with and without
// lengths, strings in chunks) are encoded, then corrupted (bytes changed, inserted, removed, the
// end cut off). Whatever CborReader accepts reading by the shape, QCborValue must parse as
// well-formed with nothing left over, and hold the very values CborReader returned: the reader
// never takes what Qt would refuse, and never reads a value other than the one encoded.
// A failing case prints its seed: rerun with FEEDBACK_TEST_SEED=<seed>.
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QObject>
#include <QTest>

#include <common/CborReader.h>
#include <random>
#include <vector>

using namespace feedback;

namespace {

constexpr quint64 kMaxInteger = 1ull << 62; // what QCborValue holds as an integer, with room

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : 0xF00DULL;
}

struct Shape
{
    enum Kind
    {
        Uint,
        Bool,
        Text,
        Bytes,
        Array,
        Map
    } kind = Uint;
    bool indefinite = false;  // containers without a length; strings in chunks
    std::vector<Shape> items; // a map's values (its keys are integers)
    quint64 integer = 0;      // a Uint, and a map's keys in order
    QByteArray string;        // a Text's UTF-8 or a Bytes' bytes
    std::vector<quint64> keys;
};

class Generator
{
public:
    explicit Generator(quint64 seed)
        : m_rng(seed)
    {}

    Shape shape(int depth)
    {
        Shape s;
        const int kinds = depth > 3 ? 4 : 6;
        s.kind = static_cast<Shape::Kind>(pick(kinds));
        s.indefinite = pick(3) == 0;
        switch (s.kind) {
        case Shape::Uint:
            s.integer = m_rng() >> (2 + pick(62)); // every head size, below kMaxInteger
            break;
        case Shape::Bool:
            s.integer = pick(2);
            break;
        case Shape::Text: {
            static const char *const pieces[] = {"a", "Zürich", "東京",
                                                 "0", " ",      "\xf0\x9f\x9a\x9a"};
            const int n = pick(6) == 0 ? 80 : pick(8);
            for (int i = 0; i < n; ++i)
                s.string += pieces[pick(6)];
            break;
        }
        case Shape::Bytes:
            for (int i = pick(20); i > 0; --i)
                s.string += static_cast<char>(m_rng());
            break;
        case Shape::Array:
        case Shape::Map:
            for (int i = pick(5); i > 0; --i) {
                s.items.push_back(shape(depth + 1));
                s.keys.push_back(static_cast<quint64>(s.keys.size()) * 7);
            }
            break;
        }
        return s;
    }

    int pick(int n) { return static_cast<int>(m_rng() % static_cast<quint64>(n)); }
    std::mt19937_64 &rng() { return m_rng; }

private:
    std::mt19937_64 m_rng;
};

void head(QByteArray &out, quint8 major, quint64 argument)
{
    const char type = static_cast<char>(major << 5);
    if (argument < 24) {
        out += static_cast<char>(type | static_cast<char>(argument));
        return;
    }
    int size = argument <= 0xff ? 1 : argument <= 0xffff ? 2 : argument <= 0xffffffffu ? 4 : 8;
    out += static_cast<char>(type | (size == 1 ? 24 : size == 2 ? 25 : size == 4 ? 26 : 27));
    for (int i = size - 1; i >= 0; --i)
        out += static_cast<char>(argument >> (8 * i));
}

void encode(QByteArray &out, const Shape &s)
{
    switch (s.kind) {
    case Shape::Uint:
        return head(out, 0, s.integer);
    case Shape::Bool:
        out += static_cast<char>(s.integer ? 0xf5 : 0xf4);
        return;
    case Shape::Text:
    case Shape::Bytes: {
        const quint8 major = s.kind == Shape::Text ? 3 : 2;
        if (!s.indefinite) {
            head(out, major, static_cast<quint64>(s.string.size()));
            out += s.string;
            return;
        }
        // Two chunks, split where a text's UTF-8 sequence starts (each chunk valid on its own).
        qsizetype cut = s.string.size() / 2;
        while (major == 3 && cut > 0 && (quint8(s.string[cut]) & 0xc0) == 0x80)
            --cut;
        out += static_cast<char>((major << 5) | 31);
        for (const QByteArray &chunk : {s.string.left(cut), s.string.mid(cut)}) {
            head(out, major, static_cast<quint64>(chunk.size()));
            out += chunk;
        }
        out += '\xff';
        return;
    }
    case Shape::Array:
    case Shape::Map: {
        const bool map = s.kind == Shape::Map;
        if (s.indefinite)
            out += static_cast<char>(map ? 0xbf : 0x9f);
        else
            head(out, map ? 5 : 4, s.items.size());
        for (std::size_t i = 0; i < s.items.size(); ++i) {
            if (map)
                head(out, 0, s.keys[i]);
            encode(out, s.items[i]);
        }
        if (s.indefinite)
            out += '\xff';
        return;
    }
    }
}

// Reads `s`'s shape with CborReader, building the values it read.
bool read(CborReader &in, const Shape &s, QCborValue &got)
{
    switch (s.kind) {
    case Shape::Uint: {
        quint64 v = 0;
        if (!in.uint(kMaxInteger, v, "integer"))
            return false;
        got = QCborValue(static_cast<qint64>(v));
        return true;
    }
    case Shape::Bool: {
        bool v = false;
        if (!in.boolean(v, "boolean"))
            return false;
        got = QCborValue(v);
        return true;
    }
    case Shape::Text: {
        std::string v;
        if (!in.text(1000, v, "text"))
            return false;
        got = QCborValue(QString::fromStdString(v));
        return true;
    }
    case Shape::Bytes: {
        QByteArray v;
        if (!in.bytes(0, 1000, v, "bytes"))
            return false;
        got = QCborValue(v);
        return true;
    }
    case Shape::Array:
    case Shape::Map:
        break;
    }
    const bool map = s.kind == Shape::Map;
    qsizetype size = 0;
    if (!(map ? in.enterMap(16, size, "map") : in.enterArray(16, size, "array")))
        return false;
    QCborArray array; // a map's pairs as [key, value] items: a corrupt map may repeat a key
    for (const Shape &item : s.items) {
        if (!in.hasNext())
            break;
        quint64 key = 0;
        if (map && !in.uint(kMaxInteger, key, "key"))
            return false;
        QCborValue value;
        if (!read(in, item, value))
            return false;
        if (map)
            array.append(QCborArray{static_cast<qint64>(key), value});
        else
            array.append(value);
    }
    if (!in.leave(map ? "map" : "array"))
        return false;
    got = array;
    return true;
}

// What Qt read, with maps as read() builds them (their pairs in order, repeated keys kept).
QCborValue pairsInOrder(const QCborValue &v)
{
    if (!v.isArray() && !v.isMap())
        return v;
    QCborArray out;
    if (v.isArray()) {
        for (const QCborValue &item : v.toArray())
            out.append(pairsInOrder(item));
        return out;
    }
    const QCborMap map = v.toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        out.append(QCborArray{it.key(), pairsInOrder(it.value())});
    return out;
}

void corrupt(Generator &g, QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    const int changes = 1 + g.pick(3);
    for (int i = 0; i < changes && !bytes.isEmpty(); ++i) {
        const qsizetype at = g.pick(static_cast<int>(bytes.size()));
        switch (g.pick(5)) {
        case 0:
            bytes[at] = static_cast<char>(g.rng()());
            break;
        case 1:
            bytes[at] = static_cast<char>(bytes[at] ^ (1 << g.pick(8)));
            break;
        case 2:
            bytes.insert(at, static_cast<char>(g.rng()()));
            break;
        case 3:
            bytes.remove(at, 1);
            break;
        default:
            bytes.truncate(at);
            break;
        }
    }
}

} // namespace

class TestCborReaderFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wellFormedValuesReadBackAsQtReadsThem()
    {
        const quint64 seed = seedFromEnvironment();
        Generator g(seed);
        for (int round = 0; round < 3000; ++round) {
            const Shape s = g.shape(0);
            QByteArray bytes;
            encode(bytes, s);
            CborReader in(bytes);
            QCborValue got;
            const bool ok = read(in, s, got) && in.atEnd();
            if (!ok || got != pairsInOrder(exactCbor(bytes)))
                QFAIL(qPrintable(QStringLiteral("seed %1, round %2: %3 (%4)")
                                     .arg(seed)
                                     .arg(round)
                                     .arg(QString::fromLatin1(bytes.toHex()), in.error())));
        }
    }

    void whatItTakesFromCorruptInputQtTakesToo()
    {
        const quint64 seed = seedFromEnvironment();
        Generator g(seed);
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 20000; ++round) {
            const Shape s = g.shape(0);
            QByteArray bytes;
            encode(bytes, s);
            corrupt(g, bytes);
            CborReader in(bytes);
            QCborValue got;
            if (!read(in, s, got) || !in.atEnd()) {
                QVERIFY(in.failed() || !in.atEnd());
                ++refused;
                continue;
            }
            ++accepted;
            const QCborValue reference = pairsInOrder(exactCbor(bytes));
            if (got != reference)
                QFAIL(qPrintable(QStringLiteral("seed %1, round %2: read %3, Qt reads %4 in %5")
                                     .arg(seed)
                                     .arg(round)
                                     .arg(got.toDiagnosticNotation(),
                                          reference.toDiagnosticNotation(),
                                          QString::fromLatin1(bytes.toHex()))));
        }
        // Both outcomes are exercised (a corruption often leaves a value of the same shape).
        QVERIFY2(accepted > 1000 && refused > 1000,
                 qPrintable(QStringLiteral("accepted %1, refused %2").arg(accepted).arg(refused)));
    }
};

QTEST_GUILESS_MAIN(TestCborReaderFuzz)
#include "tst_cborreaderfuzz.moc"
