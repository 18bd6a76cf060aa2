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
    if (!parser.parse(arguments))
        return Result<AppOptions>::failure(parser.errorText());
    if (parser.isSet(help) || parser.isSet(version)) {
        *exitNow = true;
        const QString text = parser.isSet(help)
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
