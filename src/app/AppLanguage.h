// The app speaks English (the source), German, Spanish and French, compiled into the binary.
// The language follows the system unless the profile's setting names one.
#pragma once
#include <QList>
#include <QString>

#include <utility>

namespace feedback::app {

class AppLanguage
{
public:
    static QList<std::pair<QString, QString>> available(); // (code, name in that language)
    // Installs the translators for `code` (empty: the system's); returns the language used.
    static QString apply(const QString &code);
};

} // namespace feedback::app
