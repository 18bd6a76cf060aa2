#include "AppLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <common/LogCategories.h>

namespace feedback::app {

namespace {
QTranslator *g_app = nullptr;
QTranslator *g_qt = nullptr;
} // namespace

QList<std::pair<QString, QString>> AppLanguage::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("es"), QStringLiteral("Español")},
            {QStringLiteral("fr"), QStringLiteral("Français")}};
}

QString AppLanguage::apply(const QString &code)
{
    QString language = code;
    if (language.isEmpty()) {
        language = QStringLiteral("en");
        const QString system = QLocale::system().name().left(2);
        for (const auto &[available, name] : available()) {
            if (available == system)
                language = system;
        }
    }
    for (QTranslator **t : {&g_app, &g_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    // English too: its file holds the plural forms ("1 rating", "2 ratings").
    g_app = new QTranslator();
    if (g_app->load(QStringLiteral(":/i18n/courier-feedback_%1.qm").arg(language)))
        QCoreApplication::installTranslator(g_app);
    else
        qCWarning(lcApp) << "no translation for" << language;
    if (language != QLatin1String("en")) {
        g_qt = new QTranslator();
        // Qt's own words (OK, Cancel, Save, the file dialog), from qt6-translations-l10n.
        if (g_qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(g_qt);
        else
            qCWarning(lcApp) << "no Qt translation for" << language << "in"
                             << QLibraryInfo::path(QLibraryInfo::TranslationsPath)
                             << "(package qt6-translations-l10n)";
    }
    // Dates and numbers as the person's own locale writes them (en_GB: 28/12/2026) when it
    // speaks the chosen language, else the language's usual country.
    const QLocale system = QLocale::system();
    QLocale::setDefault(system.language() == QLocale(language).language() ? system
                                                                          : QLocale(language));
    return language;
}

} // namespace feedback::app
