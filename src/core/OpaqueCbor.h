// CBOR this version keeps without understanding it: values of fields a newer version added, and
// items it appended to a note. Read from hostile bytes with bounds (size, nesting, no tags) and
// written back as they were read.
#pragma once

#include <common/CborReader.h>
#include <common/CborWriter.h>
#include <string>

namespace feedback::opaque {

// Keeps `v` as its encoding in `out`. Refuses tags (Qt turns some into other types, which
// would change the bytes on the way through), nesting deeper than kMaxDepth and encodings
// over `maxBytes`.
bool read(CborInput &in, const QCborValue &v, qsizetype maxBytes, std::string &out,
          const char *what);
// The same for the next item of `in`.
bool read(CborReader &in, qsizetype maxBytes, std::string &out, const char *what);
// The items left in the container `in` is reading, as the encoding of one array (empty when
// there are none).
bool readTail(CborReader &in, qsizetype maxBytes, std::string &out, const char *what);
// Writes a value kept by read().
void write(CborWriter &w, const std::string &cbor);
// How many items a tail kept by readTail() holds, and writes them one after the other.
qsizetype tailSize(const std::string &tail);
void writeTail(CborWriter &w, const std::string &tail);

} // namespace feedback::opaque
