// feedbackctl's nearby-device sync (PeerCommands.cpp): the options sync and watch share, sync
// --lan, and the peers watch serves.
#pragma once

#include "CommandParser.h"

#include <QJsonObject>

#include <functional>

namespace feedback::sync {
class PeerNetwork;
class SyncClient;
} // namespace feedback::sync

namespace feedback::cli {

void peerOptions(CommandParser &p);
int runSyncLan(CliContext &c, CommandParser &p);
// Starts serving and dialling peers beside `client` (may be null), printing peer events with
// `print`; null with `code` set (and the error printed) when it cannot.
sync::PeerNetwork *startPeers(CliContext &c, const CommandParser &p, sync::SyncClient *client,
                              const std::function<void(QString, QJsonObject)> &print, int &code);

} // namespace feedback::cli
