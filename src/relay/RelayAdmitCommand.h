// `feedback-relay admit`: the operator's list of the workspaces the relay serves, changed or
// shown while the relay runs (it reads the list at every hello).
//   feedback-relay admit [--data DIR] WORKSPACE-ID...            serve these workspaces
//   feedback-relay admit --remove [--data DIR] WORKSPACE-ID...   no longer (their data stays)
//   feedback-relay admit --list [--data DIR]                     every admitted workspace
// With --database URL instead of --data: the relays' PostgreSQL database.
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace feedback::relay {

class RelayAdmitCommand
{
public:
    // `arguments` as the program got them, "admit" second. The exit code: 0 done, 1 the storage
    // failed, 2 what was given is wrong.
    static int run(const QStringList &arguments);

private:
    // Changes the list or shows it.
    static int change(class RelayStorage &storage, const QList<QByteArray> &workspaces, bool remove,
                      bool listAll);
};

} // namespace feedback::relay
