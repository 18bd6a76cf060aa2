// "Amira is on this record": the line under the detail pane's title naming the other dispatchers
// who have the shown record open (AppSession::viewersOf), hidden when nobody does. The same words
// are the tooltip of the table's presence marker.
#pragma once

#include <QLabel>

#include <core/FeedbackTypes.h>
#include <optional>
#include <sync/PresenceBoard.h>

namespace feedback::app {

class AppSession;

class PresenceLine : public QLabel
{
    Q_OBJECT
public:
    PresenceLine(AppSession &session, QWidget *parent = nullptr);

    void showRecord(const std::optional<RecordId> &id);
    // "Amira is on this record", "Amira is writing a note", "Amira and Yusuf are on this
    // record", "Amira, Yusuf and 2 others are on this record"; empty for nobody.
    static QString sentence(const QList<sync::PresenceBoard::Viewer> &viewers);

private:
    void refresh();

    AppSession &m_session;
    std::optional<RecordId> m_id;
};

} // namespace feedback::app
