// Sync in words, translated: the status bar's summary, what went wrong, and the sync panel's
// events. Everything here is built from kinds, counts and the relay's host name (never from
// raw JSON); only a problem of no known kind shows the sync layer's English detail.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <sync/SyncSession.h>

namespace feedback::app {

class AppSession;

QString describeAge(const QDateTime &when, const QDateTime &now); // "5 min ago"
QString syncSummary(const AppSession &session);                   // the status bar's words
// What is wrong, in a sentence: why sync is not set up or off, or the last problem; empty when
// all is well. For the tooltip and the panel's "Last problem".
QString syncProblemText(const AppSession &session);
// The short form ("Cannot reach relay.example.com") and the sentence for one problem.
QString problemHeadline(const sync::SyncProblem &problem, const QString &host);
QString problemSentence(const sync::SyncProblem &problem, const QString &host);
// Why a ws:// address to `host` (not this machine) is refused without the insecure box.
QString insecureRelayMessage(const QString &host);
// One event of SyncSession::event as a line of the panel.
QString syncEventText(sync::SyncEvent kind, const QJsonObject &details, const QString &host);

} // namespace feedback::app
