// Where the items of a CBOR array lie in its bytes, found by their heads alone (structure is
// checked, contents are left to the decoder that reads each item) without building a tree. A whole
// state is one array of a hundred thousand records: parsed into one QCborValue it costs a heap
// block per container and a second of page faults; split first, each record is parsed on its own
// (and on several threads).
#pragma once

#include <QByteArrayView>

#include <common/Result.h>
#include <vector>

namespace feedback::cborslices {

struct ArraySlices
{
    std::vector<QByteArrayView> items; // each item of the outer array, whole
    std::vector<QByteArrayView> inner; // the items of item `innerIndex`, when it is an array
    bool innerIsArray = false;
};

// `bytes` must be exactly one array of at most maxItems items; its item `innerIndex` must be
// an array of at most maxInner items. Malformed CBOR, trailing bytes or a count over a limit is
// an error (ErrorKind::BadData) naming `what`.
Result<ArraySlices> split(QByteArrayView bytes, qsizetype maxItems, qsizetype innerIndex,
                          qsizetype maxInner, const char *what);

} // namespace feedback::cborslices
