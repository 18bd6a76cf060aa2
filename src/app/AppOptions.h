// The command line of courier-feedback: --profile DIR, --mode kiosk|dispatcher|field,
// --relay URL, --passphrase-file FILE, --version, --help.
#pragma once
#include "AppMode.h"

#include <QStringList>

#include <common/Result.h>

namespace feedback::app {

struct AppOptions
{
    QString profileDir;
    std::optional<AppMode> mode;
    QString relayUrl;
    QString passphraseFile;
    // Parses; --help and --version print and set exitNow. Needs only a QCoreApplication, so
    // that main() can answer them (and refuse bad options) before any display is opened.
    static Result<AppOptions> parse(const QStringList &arguments, bool *exitNow);
};

} // namespace feedback::app
