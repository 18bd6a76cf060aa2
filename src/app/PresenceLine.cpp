#include "PresenceLine.h"

#include "AppSession.h"

namespace feedback::app {

PresenceLine::PresenceLine(AppSession &session, QWidget *parent)
    : QLabel(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("presenceLine"));
    setTextFormat(Qt::PlainText); // names are what other devices typed: never markup
    setWordWrap(true);
    connect(&session, &AppSession::presenceChanged, this, [this](const QList<RecordId> &ids) {
        if (m_id && ids.contains(*m_id))
            refresh();
    });
    hide();
}

void PresenceLine::showRecord(const std::optional<RecordId> &id)
{
    m_id = id;
    refresh();
}

QString PresenceLine::sentence(const QList<sync::PresenceBoard::Viewer> &viewers)
{
    QStringList names;
    for (const auto &viewer : viewers)
        names.append(viewer.name.isEmpty() ? tr("Another dispatcher") : viewer.name);
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return viewers.first().editing ? tr("%1 is writing on this record").arg(names.first())
                                       : tr("%1 is on this record").arg(names.first());
    case 2:
        return tr("%1 and %2 are on this record").arg(names.at(0), names.at(1));
    default:
        return tr("%1, %2 and %n other(s) are on this record", nullptr,
                  static_cast<int>(names.size() - 2))
            .arg(names.at(0), names.at(1));
    }
}

void PresenceLine::refresh()
{
    const QString text = m_id ? sentence(m_session.viewersOf(*m_id)) : QString();
    setText(text);
    setVisible(!text.isEmpty());
}

} // namespace feedback::app
