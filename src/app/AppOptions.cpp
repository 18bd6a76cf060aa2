#include "AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <sync/SyncClient.h>

namespace feedback::app {

Result<AppOptions> AppOptions::parse(const QStringList &arguments, bool *exitNow)
{
    *exitNow = false;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "AppOptions", "Courier Feedback: collect and follow up delivery feedback, offline first."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QCoreApplication::translate("AppOptions", "Profile directory (default: FEEDBACK_PROFILE, "
                                                  "else the user's application data)."),
        QStringLiteral("DIR"));
    const QCommandLineOption mode(
        QStringLiteral("mode"),
        QCoreApplication::translate("AppOptions",
                                    "kiosk, dispatcher or field (for this run; the settings keep "
                                    "the usual one)."),
        QStringLiteral("MODE"));
    const QCommandLineOption relay(
        QStringLiteral("relay"),
        QCoreApplication::translate("AppOptions", "Relay URL (ws:// or wss://); saved in the "
                                                  "profile."),
        QStringLiteral("URL"));
    const QCommandLineOption passphraseFile(
        QStringLiteral("passphrase-file"),
        QCoreApplication::translate("AppOptions", "Read the profile passphrase from FILE (where "
                                                  "there is no keychain)."),
        QStringLiteral("FILE"));
    parser.addOptions({profile, mode, relay, passphraseFile});
    // This runs before QApplication exists (--help must work without a display), so Qt's own
    // options (-platform offscreen, -style fusion, ...) are still in the arguments: accept them
    // here, unlisted, and let QApplication take them afterwards.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const char *name :
         {"platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
          "qwindowicon", "qwindowtitle", "session", "style", "stylesheet", "display", "geometry",
          "title", "name", "visual", "qmljsdebugger"}) {
        QCommandLineOption qtOption(QString::fromLatin1(name), QString(), QStringLiteral("value"));
        qtOption.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(qtOption);
    }
    for (const char *name : {"reverse", "widgetcount", "nograb", "dograb", "sync"}) {
        QCommandLineOption qtFlag(QString::fromLatin1(name));
        qtFlag.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(qtFlag);
    }
    if (!parser.parse(arguments))
        return Result<AppOptions>::failure(parser.errorText());
    const bool helpAll = parser.isSet(QStringLiteral("help-all"));
    if (parser.isSet(help) || helpAll || parser.isSet(version)) {
        *exitNow = true;
        const QString text = parser.isSet(help) || helpAll
                                 ? parser.helpText()
                                 : QCoreApplication::applicationName() + QLatin1Char(' ') +
                                       QCoreApplication::applicationVersion() + QLatin1Char('\n');
        std::fputs(qPrintable(text), stdout);
        return AppOptions{};
    }
    if (!parser.positionalArguments().isEmpty())
        return Result<AppOptions>::failure(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    AppOptions options;
    options.profileDir = parser.value(profile);
    options.relayUrl = parser.value(relay);
    options.passphraseFile = parser.value(passphraseFile);
    if (parser.isSet(mode)) {
        options.mode = appModeFromName(parser.value(mode));
        if (!options.mode)
            return Result<AppOptions>::failure(
                QStringLiteral("--mode must be kiosk, dispatcher or field (got \"%1\")")
                    .arg(parser.value(mode)));
    }
    if (!options.relayUrl.isEmpty() && !sync::SyncClient::isRelayUrl(options.relayUrl))
        return Result<AppOptions>::failure(
            QStringLiteral("--relay must be a ws:// or wss:// URL (got \"%1\")")
                .arg(options.relayUrl));
    return options;
}

} // namespace feedback::app
