// Text length as people count it: code points, a surrogate pair is one character.
#pragma once

#include <QStringView>

namespace feedback {

qsizetype characterCount(QStringView text);

} // namespace feedback
