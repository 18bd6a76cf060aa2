#include "SavedLayout.h"

#include "AppSettings.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QMainWindow>
#include <QScreen>
#include <QSplitter>
#include <QTableView>

#include <algorithm>
#include <common/LogCategories.h>
#include <store/Profile.h>

namespace feedback::app {

namespace {
using namespace settings;
// Room for the title bar and borders, which the window manager adds around the geometry.
const QMargins kFrameAllowance(8, 40, 8, 8);
const QSize kDefaultSize(1280, 800);

QList<QRect> availableAreas()
{
    QList<QRect> areas;
    if (QScreen *primary = QGuiApplication::primaryScreen())
        areas.append(primary->availableGeometry());
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen != QGuiApplication::primaryScreen())
            areas.append(screen->availableGeometry());
    }
    return areas;
}

std::optional<QRect> parseRect(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4)
        return std::nullopt;
    int values[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        values[i] = parts[i].trimmed().toInt(&ok);
        if (!ok || values[i] < -100000 || values[i] > 100000)
            return std::nullopt;
    }
    if (values[2] <= 0 || values[3] <= 0)
        return std::nullopt;
    return QRect(values[0], values[1], values[2], values[3]);
}

template <typename T>
void save(const store::Profile &profile, const store::SettingKey<T> &key, const T &value)
{
    if (Status s = profile.set(key, value); !s)
        qCWarning(lcApp) << "cannot save the desk layout:" << s.error();
}

QByteArray savedState(const store::Profile &profile, const store::SettingKey<QString> &key)
{
    const auto decoded = QByteArray::fromBase64Encoding(profile.get(key).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArray();
}
} // namespace

QRect SavedLayout::fitToScreens(const QRect &wanted, const QList<QRect> &available)
{
    if (available.isEmpty())
        return wanted;
    QRect screen = available.first();
    qint64 bestOverlap = 0;
    for (const QRect &area : available) {
        const QRect overlap = area.intersected(wanted);
        const qint64 size = qint64(overlap.width()) * overlap.height();
        if (size > bestOverlap) {
            bestOverlap = size;
            screen = area;
        }
    }
    const QRect room = screen.marginsRemoved(kFrameAllowance);
    QRect fitted(wanted.topLeft(), wanted.size().boundedTo(room.size()));
    fitted.moveLeft(qBound(room.left(), fitted.left(), room.right() - fitted.width() + 1));
    fitted.moveTop(qBound(room.top(), fitted.top(), room.bottom() - fitted.height() + 1));
    return fitted;
}

void SavedLayout::restoreWindow(QMainWindow &window, const store::Profile &profile)
{
    const QList<QRect> areas = availableAreas();
    std::optional<QRect> wanted = parseRect(profile.get(kDeskGeometry));
    if (!wanted) {
        // The first time: a sensible normal size for when the person un-maximises it.
        QRect centred(QPoint(), kDefaultSize);
        if (!areas.isEmpty())
            centred.moveCenter(areas.first().center());
        wanted = centred;
    }
    window.setGeometry(fitToScreens(*wanted, areas));
    window.setWindowState(profile.get(kDeskMaximized) ? Qt::WindowMaximized : Qt::WindowNoState);
}

void SavedLayout::saveWindow(const QMainWindow &window, const store::Profile &profile)
{
    const QRect normal = window.normalGeometry();
    if (normal.isValid())
        save(profile, kDeskGeometry,
             QStringLiteral("%1,%2,%3,%4")
                 .arg(normal.x())
                 .arg(normal.y())
                 .arg(normal.width())
                 .arg(normal.height()));
    save(profile, kDeskMaximized, window.isMaximized());
}

void SavedLayout::restoreTable(QTableView &table, const store::Profile &profile)
{
    QHeaderView *header = table.horizontalHeader();
    const int columns = table.model() ? table.model()->columnCount() : 0;
    // A header saved by a version with other columns would put widths on the wrong columns.
    if (profile.get(kDeskColumns) == columns && columns > 0) {
        const QByteArray state = savedState(profile, kDeskHeader);
        if (!state.isEmpty() && header->restoreState(state)) {
            const int section = header->sortIndicatorSection();
            if (section >= 0 && section < columns)
                table.sortByColumn(section, header->sortIndicatorOrder());
        }
    }
}

bool SavedLayout::restoreSplitter(QSplitter &splitter, const store::Profile &profile)
{
    const QByteArray splitterState = savedState(profile, kDeskSplitter);
    return !splitterState.isEmpty() && splitter.restoreState(splitterState);
}

void SavedLayout::saveTable(const QTableView &table, const QSplitter &splitter,
                            const store::Profile &profile)
{
    if (!table.model())
        return;
    save(profile, kDeskHeader,
         QString::fromLatin1(table.horizontalHeader()->saveState().toBase64()));
    save(profile, kDeskColumns, table.model()->columnCount());
    // A hidden side has size 0: saving that would hide it for good.
    const QList<int> sizes = splitter.sizes();
    if (std::all_of(sizes.cbegin(), sizes.cend(), [](int size) { return size > 0; }))
        save(profile, kDeskSplitter, QString::fromLatin1(splitter.saveState().toBase64()));
}

} // namespace feedback::app
