// What the dispatcher's desk remembers between runs, in the profile's settings: the window's
// place and size (maximised the first time), the records table's columns and sort order, and
// the splitter. A place saved on a bigger or a missing monitor is fitted onto a screen there is.
#pragma once
#include <QList>
#include <QRect>

class QMainWindow;
class QSplitter;
class QTableView;

namespace feedback::store {
class Profile;
}

namespace feedback::app {

class SavedLayout
{
public:
    // The window's normal geometry inside one of the available screen areas: on the screen it
    // overlaps most (else the first), no larger than it, with room for the window frame.
    static QRect fitToScreens(const QRect &wanted, const QList<QRect> &available);

    // Before the first show: the saved normal geometry (fitted) and maximised unless the person
    // left it otherwise. Without a saved place: maximised.
    static void restoreWindow(QMainWindow &window, const store::Profile &profile);
    static void saveWindow(const QMainWindow &window, const store::Profile &profile);

    static void restoreTable(QTableView &table, const store::Profile &profile);
    // The splitter is saved only while both sides show (the desk hides the detail pane until a
    // record is selected): false when nothing was saved.
    static bool restoreSplitter(QSplitter &splitter, const store::Profile &profile);
    static void saveTable(const QTableView &table, const QSplitter &splitter,
                          const store::Profile &profile);
};

} // namespace feedback::app
