// The command line of courier-feedback: --profile DIR, --mode kiosk|dispatcher|field,
// --relay URL, --passphrase-file FILE, --version, --help.
#pragma once
#include "AppMode.h"

#include <QStringList>

#include <core/Result.h>

namespace feedback::app {

struct AppOptions
{
    QString profileDir;
    std::optional<AppMode> mode;
    QString relayUrl;
    QString passphraseFile;
    // Parses; --help and --version print and set exitNow.
    static Result<AppOptions> parse(const QStringList &arguments, bool *exitNow);
};

} // namespace feedback::app
