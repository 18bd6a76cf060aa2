// Bounded reading of CBOR straight from its bytes, item after item, for the book codec's hot
// paths (every record row at start, every record of a snapshot): no tree of QCborValue is built,
// so a record costs no heap block per container and no second walk. Heads are read by
// cborheads::HeadWalker, not QCborStreamReader, whose bookkeeping per item (entering and leaving
// containers, preparsing the next item, its error state) was a third of decoding a record;
// texts are checked as UTF-8 by QStringDecoder, and values kept opaque are parsed by
// QCborValue. It refuses what QCborStreamReader refuses: tst_cborreader has the edge cases,
// tst_cborreaderfuzz compares it with QCborValue on corrupted input; messages name the item
// and say why. The rules are CborInput's
// (which it extends, sharing the first-error bookkeeping): each read checks type and range
// before use and fails with a description of what was expected; once failed, every later read
// fails too. Containers are bounded as they are entered, and again item by item when their
// encoding does not give a length.
#pragma once

#include "CborHeadWalker.h"
#include "CborInput.h"

#include <QByteArrayView>

#include <string>
#include <vector>

namespace feedback {

class CborReader : public CborInput
{
public:
    // `bytes` must outlive the reader (they are not copied).
    explicit CborReader(QByteArrayView bytes);
    CborReader(QByteArray &&) = delete; // a temporary would be gone before it is read

    // What the next item is, without reading it.
    bool nextIsInteger() const;

    bool uint(quint64 max, quint64 &out, const char *what);
    bool boolean(bool &out, const char *what);
    // A byte string of min..max bytes.
    bool bytes(qsizetype min, qsizetype max, QByteArray &out, const char *what);
    // Texts of at most this many bytes (with a length given) are read without a QString.
    static constexpr qsizetype kShortText = 256;
    // UTF-8 text (checked) of at most maxChars characters that passes `rule` when one is given.
    bool text(qsizetype maxChars, std::string &out, const char *what,
              bool (*rule)(QStringView) = nullptr);
    // Enters an array (or a map) of at most maxSize items (pairs); `size` is how many the
    // encoding says it holds, or -1 when it does not say.
    bool enterArray(qsizetype maxSize, qsizetype &size, const char *what)
    {
        return enter(false, maxSize, size, what);
    }
    bool enterMap(qsizetype maxSize, qsizetype &size, const char *what)
    {
        return enter(true, maxSize, size, what);
    }
    // Enters an array that must hold exactly `count` items (checked again by leave()).
    bool enterTuple(qsizetype count, const char *what);
    // Whether the container entered last has another item.
    bool hasNext();
    // Leaves the container entered last, which must have been read to its end.
    bool leave(const char *what);
    // The next item as a value of its own (for values kept opaque; not on hot paths).
    bool value(QCborValue &out, const char *what);
    // Whether the bytes were read to their end, nothing left over.
    bool atEnd();

private:
    struct Level
    {
        const char *what; // the container, for messages
        qsizetype max;    // items; a map's keys and values are items alike
        bool map;
        qsizetype seen = 0;
        qint64 left = -1; // items not read yet; -1 if the encoding gave no length
    };
    // Reads the next item's head after counting it (take); fails unless its type is `want`.
    bool headOf(cborheads::Major want, quint64 &argument, bool &indefinite, const char *what,
                const char *expected);
    // Whether the container entered last has ended (its count reached, or its break next).
    bool containerEnded() const;
    // Takes a string's `length` bytes (with a length given) as a view into the input.
    bool stringBytes(quint64 length, QByteArrayView &out, const char *what);
    // Takes each chunk of a string without a length, at most `max` bytes in all, to `onChunk`;
    // false and no error when there are more.
    template <class OnChunk>
    bool chunks(cborheads::Major major, quint64 max, const char *what, OnChunk onChunk);
    bool shortText(QByteArrayView utf8, qsizetype maxChars, std::string &out, const char *what,
                   bool (*rule)(QStringView));
    bool enter(bool map, qsizetype maxSize, qsizetype &size, const char *what);
    // Counts one more item of the current container against its bound.
    bool take(const char *what);
    bool malformed(const char *what, const char *why);

    cborheads::HeadWalker m_walker;
    std::vector<Level> m_levels;
};

} // namespace feedback
