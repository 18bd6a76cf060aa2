// Text length as people count it: code points, a surrogate pair is one character.
#pragma once

#include <QString>

namespace feedback {

qsizetype characterCount(const QString &text);

} // namespace feedback
