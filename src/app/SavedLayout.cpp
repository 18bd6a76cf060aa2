#include "SavedLayout.h"

#include "AppLog.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QMainWindow>
#include <QScreen>
#include <QSplitter>
#include <QTableView>

#include <algorithm>
#include <store/Profile.h>

namespace feedback::app {

namespace {
const QString kGeometry = QStringLiteral("desk/geometry");    // "x,y,width,height"
const QString kMaximized = QStringLiteral("desk/maximized");  // "true" / "false"
const QString kHeader = QStringLiteral("desk/tableHeader");   // QHeaderView::saveState, base64
const QString kColumns = QStringLiteral("desk/tableColumns"); // the column count it was saved with
const QString kSplitter = QStringLiteral("desk/splitter");    // QSplitter::saveState, base64
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

void save(const store::Profile &profile, const QString &key, const QString &value)
{
    if (Status s = profile.setSetting(key, value); !s)
        qCWarning(lcApp) << "cannot save the desk layout:" << s.error();
}

QByteArray savedState(const store::Profile &profile, const QString &key)
{
    const auto decoded = QByteArray::fromBase64Encoding(profile.setting(key).toLatin1(),
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
    std::optional<QRect> wanted = parseRect(profile.setting(kGeometry));
    if (!wanted) {
        // The first time: a sensible normal size for when the person un-maximises it.
        QRect centred(QPoint(), kDefaultSize);
        if (!areas.isEmpty())
            centred.moveCenter(areas.first().center());
        wanted = centred;
    }
    window.setGeometry(fitToScreens(*wanted, areas));
    const bool maximized =
        profile.setting(kMaximized, QStringLiteral("true")) != QLatin1String("false");
    window.setWindowState(maximized ? Qt::WindowMaximized : Qt::WindowNoState);
}

void SavedLayout::saveWindow(const QMainWindow &window, const store::Profile &profile)
{
    const QRect normal = window.normalGeometry();
    if (normal.isValid())
        save(profile, kGeometry,
             QStringLiteral("%1,%2,%3,%4")
                 .arg(normal.x())
                 .arg(normal.y())
                 .arg(normal.width())
                 .arg(normal.height()));
    save(profile, kMaximized,
         window.isMaximized() ? QStringLiteral("true") : QStringLiteral("false"));
}

void SavedLayout::restoreTable(QTableView &table, const store::Profile &profile)
{
    QHeaderView *header = table.horizontalHeader();
    const int columns = table.model() ? table.model()->columnCount() : 0;
    // A header saved by a version with other columns would put widths on the wrong columns.
    if (profile.setting(kColumns).toInt() == columns && columns > 0) {
        const QByteArray state = savedState(profile, kHeader);
        if (!state.isEmpty() && header->restoreState(state)) {
            const int section = header->sortIndicatorSection();
            if (section >= 0 && section < columns)
                table.sortByColumn(section, header->sortIndicatorOrder());
        }
    }
}

bool SavedLayout::restoreSplitter(QSplitter &splitter, const store::Profile &profile)
{
    const QByteArray splitterState = savedState(profile, kSplitter);
    return !splitterState.isEmpty() && splitter.restoreState(splitterState);
}

void SavedLayout::saveTable(const QTableView &table, const QSplitter &splitter,
                            const store::Profile &profile)
{
    if (!table.model())
        return;
    save(profile, kHeader, QString::fromLatin1(table.horizontalHeader()->saveState().toBase64()));
    save(profile, kColumns, QString::number(table.model()->columnCount()));
    // A hidden side has size 0: saving that would hide it for good.
    const QList<int> sizes = splitter.sizes();
    if (std::all_of(sizes.cbegin(), sizes.cend(), [](int size) { return size > 0; }))
        save(profile, kSplitter, QString::fromLatin1(splitter.saveState().toBase64()));
}

} // namespace feedback::app
