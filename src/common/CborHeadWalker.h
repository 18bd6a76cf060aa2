// Steps over CBOR by its heads alone (RFC 8949), for the two readers of the book codec's hot
// paths: CborSlices (where a state's records lie) and CborReader (each item as it is read).
#pragma once

#include <QByteArrayView>
#include <QtEndian>

namespace feedback::cborheads {

// Nesting the walk follows into an item; deeper is refused as a bomb (QCborValue's own parser
// refuses far less deep input than QCborStreamReader's default of 10,000).
constexpr int kMaxDepth = 1024;

constexpr quint8 kBreak = 0xff;

enum Major : quint8
{
    kUint,
    kNegative,
    kBytes,
    kText,
    kArray,
    kMap,
    kTag,
    kSimple
};

// Steps over well-formed CBOR (RFC 8949, appendix C) by its heads alone. It checks structure
// only: every length within the bytes, no reserved head, strings in chunks of their own type,
// breaks only where an indefinite item may end, a simple value of one byte at least 32, a map's
// items in pairs. What the items hold (UTF-8 of a text, ranges) is for CborReader to check when
// it reads them (values kept opaque are parsed by QCborValue, which checks everything).
// QCborStreamReader stepping over each record took a third of a snapshot's decode.
class HeadWalker
{
public:
    explicit HeadWalker(QByteArrayView bytes)
        : m_bytes(bytes)
    {}

    QByteArrayView bytes() const { return m_bytes; }
    qsizetype offset() const { return m_at; }
    qsizetype left() const { return m_bytes.size() - m_at; }
    // The major type of the next head, without reading it; false at the end of the bytes.
    bool peekMajor(Major &major) const
    {
        if (m_at >= m_bytes.size())
            return false;
        major = static_cast<Major>(quint8(m_bytes[m_at]) >> 5);
        return true;
    }
    bool atEnd() const { return m_at == m_bytes.size(); }
    bool atBreak() const { return m_at < m_bytes.size() && quint8(m_bytes[m_at]) == kBreak; }
    void takeBreak() { ++m_at; }

    // Reads an item's head. `indefinite` says the encoding gave no length (strings and
    // containers only); a break is not a head.
    bool head(Major &major, quint64 &argument, bool &indefinite)
    {
        if (m_at >= m_bytes.size())
            return false;
        const quint8 initial = quint8(m_bytes[m_at++]);
        major = static_cast<Major>(initial >> 5);
        const quint8 info = initial & 0x1f;
        indefinite = info == 31;
        if (indefinite)
            return major == kBytes || major == kText || major == kArray || major == kMap;
        if (info < 24) {
            argument = info;
            return true;
        }
        if (info > 27)
            return false; // reserved
        const qsizetype size = qsizetype(1) << (info - 24);
        if (m_bytes.size() - m_at < size)
            return false;
        const char *p = m_bytes.data() + m_at;
        switch (size) {
        case 1:
            argument = quint8(*p);
            break;
        case 2:
            argument = qFromBigEndian<quint16>(p);
            break;
        case 4:
            argument = qFromBigEndian<quint32>(p);
            break;
        default:
            argument = qFromBigEndian<quint64>(p);
            break;
        }
        m_at += size;
        // A simple value in two bytes must be one that does not fit in the first (32..255).
        return major != kSimple || info != 24 || argument >= 32;
    }

    bool skipBytes(quint64 count)
    {
        if (count > static_cast<quint64>(m_bytes.size() - m_at))
            return false;
        m_at += static_cast<qsizetype>(count);
        return true;
    }

    bool skipItem(int depth)
    {
        Major major;
        quint64 argument = 0;
        bool indefinite = false;
        if (depth > kMaxDepth || !head(major, argument, indefinite))
            return false;
        switch (major) {
        case kUint:
        case kNegative:
        case kSimple: // floats: the head's argument is the value
            return true;
        case kTag:
            return skipItem(depth + 1);
        case kBytes:
        case kText:
            return indefinite ? skipChunks(major) : skipBytes(argument);
        case kArray:
        case kMap:
            break;
        }
        const quint64 perEntry = major == kMap ? 2 : 1;
        if (indefinite) {
            for (quint64 items = 0;; ++items) {
                if (atBreak()) {
                    takeBreak();
                    return items % perEntry == 0;
                }
                if (!skipItem(depth + 1))
                    return false;
            }
        }
        // Each item takes a byte at least: a count beyond the bytes left is refused unread.
        if (argument > static_cast<quint64>(m_bytes.size() - m_at) / perEntry)
            return false;
        for (quint64 i = 0; i < argument * perEntry; ++i) {
            if (!skipItem(depth + 1))
                return false;
        }
        return true;
    }

private:
    // An indefinite string: definite chunks of its own major type, then a break.
    bool skipChunks(Major major)
    {
        while (!atBreak()) {
            Major chunk;
            quint64 size = 0;
            bool indefinite = false;
            if (!head(chunk, size, indefinite) || chunk != major || indefinite || !skipBytes(size))
                return false;
        }
        takeBreak();
        return true;
    }

    QByteArrayView m_bytes;
    qsizetype m_at = 0;
};

} // namespace feedback::cborheads
