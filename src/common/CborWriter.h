// CBOR written straight into a QByteArray, for the book codec's hot paths (every record row at
// a save or a catch-up, every delta, a snapshot's state). QCborStreamWriter writes through a
// QIODevice (a QBuffer for a QByteArray): a virtual write and its bookkeeping for every item,
// which `perf` showed as about a third of encoding a record. This writer appends the same bytes
// QCborStreamWriter writes for the items the codec uses (tst_cborwriter compares them): definite
// lengths only, and the shortest head for every integer and length (RFC 8949's preferred
// serialisation). It writes what this program built, never input, so it checks nothing.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

namespace feedback {

class CborWriter
{
public:
    // Appends to `out`, which must outlive the writer.
    explicit CborWriter(QByteArray &out)
        : m_out(out)
    {}

    // Integers as QCborStreamWriter::append(qint64) writes them (a negative one as major type 1).
    // There is deliberately no overload for other integer types: a call with an int does not
    // compile, as with QCborStreamWriter, whose bool overload would make it ambiguous too.
    void append(qint64 v)
    {
        if (v < 0)
            head(1, ~static_cast<quint64>(v));
        else
            head(0, static_cast<quint64>(v));
    }
    void append(bool v) { m_out.append(static_cast<char>(v ? 0xf5 : 0xf4)); }
    void appendTextString(const char *utf8, qsizetype size) { string(3, utf8, size); }
    void appendByteString(const char *data, qsizetype size) { string(2, data, size); }
    void startArray(quint64 count) { head(4, count); }
    void startMap(quint64 pairs) { head(5, pairs); }
    // Definite lengths need no end mark; these keep the structure readable where they are called.
    void endArray() {}
    void endMap() {}
    // One item that is already encoded (a value kept opaque, written back as it came).
    void appendEncoded(QByteArrayView item) { m_out.append(item); }

private:
    void string(quint8 major, const char *data, qsizetype size)
    {
        head(major, static_cast<quint64>(size));
        m_out.append(data, size);
    }
    void head(quint8 major, quint64 argument)
    {
        char buf[9];
        const char type = static_cast<char>(major << 5);
        qsizetype size = 1;
        if (argument < 24) {
            buf[0] = static_cast<char>(type | static_cast<char>(argument));
        } else if (argument <= 0xff) {
            buf[0] = static_cast<char>(type | 24);
            buf[1] = static_cast<char>(argument);
            size = 2;
        } else if (argument <= 0xffff) {
            buf[0] = static_cast<char>(type | 25);
            qToBigEndian(static_cast<quint16>(argument), buf + 1);
            size = 3;
        } else if (argument <= 0xffffffffu) {
            buf[0] = static_cast<char>(type | 26);
            qToBigEndian(static_cast<quint32>(argument), buf + 1);
            size = 5;
        } else {
            buf[0] = static_cast<char>(type | 27);
            qToBigEndian(argument, buf + 1);
            size = 9;
        }
        m_out.append(buf, size);
    }

    QByteArray &m_out;
};

} // namespace feedback
