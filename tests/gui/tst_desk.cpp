// The dispatcher's desk as a person meets it every day: the window opens maximised and comes
// back as it was left, fitted to the screen there is; the list stays still while records arrive
// and says how many are new; every view writes a moment the same way; the export says what it
// writes and where. And the field laptop's "saved" line becomes "sent" once the real relay has
// the record.
#include "GuiTestSupport.h"

#include <QDateEdit>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/CaptureForm.h>
#include <app/DispatcherView.h>
#include <app/DisplayDates.h>
#include <app/FieldView.h>
#include <app/MainWindow.h>
#include <app/NewRecordsButton.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/SavedLayout.h>
#include <app/StarRating.h>
#include <app/SyncStatusWidget.h>
#include <core/FeedbackBook.h>
#include <core/RecordExport.h>
#include <core/RecordReader.h>
#include <support/RelayProcess.h>
#include <support/Workload.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

QString plain(QString text)
{
    return text.remove(QLatin1Char('&'));
}

NewFeedback makeFeedback(const QString &order, qint64 courier, int rating,
                         const QString &comment = QString())
{
    return NewFeedback{order, courier, rating, comment, {}, false, {}};
}

// A splitter restored into a few pixels more or less shares them out by proportion.
bool nearly(int actual, int expected)
{
    if (qAbs(actual - expected) <= 2)
        return true;
    qWarning("%d, not %d", actual, expected);
    return false;
}

RecordId currentRecord(app::DispatcherView &desk, QTableView *table)
{
    return desk.model().rowAt(desk.filterModel().mapToSource(table->currentIndex()).row()).id;
}

} // namespace

class TestDesk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_home;
    std::unique_ptr<test::RelayProcess> m_relay;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A home of our own, with a Documents folder, for the export's default place.
        m_home = m_dir.path() + u"/home"_s;
        QVERIFY(QDir().mkpath(m_home + u"/Documents"_s));
        qputenv("HOME", m_home.toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home + u"/.config"_s).toUtf8());
        app::AppLanguage::apply(u"en"_s);
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay"_s);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
    }
    void cleanup() { app::AppLanguage::apply(u"en"_s); }

    void aPlaceIsFittedToTheScreensThereAre()
    {
        const QList<QRect> screens{QRect(0, 0, 1280, 800), QRect(1280, 0, 1920, 1080)};
        // On the second monitor: stays there.
        QCOMPARE(app::SavedLayout::fitToScreens(QRect(1400, 100, 1200, 700), screens),
                 QRect(1400, 100, 1200, 700));
        // Saved on a monitor that is gone: onto the first one, no larger than it.
        const QRect fitted = app::SavedLayout::fitToScreens(QRect(4000, 2000, 2560, 1440), screens);
        QVERIFY2(screens[0].contains(fitted), qPrintable(u"%1,%2 %3x%4"_s.arg(fitted.x())
                                                             .arg(fitted.y())
                                                             .arg(fitted.width())
                                                             .arg(fitted.height())));
        // Below the bottom edge of the first monitor: pulled up, title bar included.
        const QRect low = app::SavedLayout::fitToScreens(QRect(100, 700, 800, 600), screens);
        QVERIFY(screens[0].contains(low));
        QVERIFY(low.top() >= 30);
    }

    void windowOpensMaximisedThenAsItWasLeft()
    {
        auto session = test::openSession(m_dir.path() + u"/layout"_s);
        QVERIFY(session);
        for (int i = 0; i < 5; ++i)
            QVERIFY(session->submit(makeFeedback(u"ORD-%1"_s.arg(i), 3 + i, 1 + i)));
        test::ScriptedDialogs dialogs;
        QList<int> splitterSizes;
        QRect left; // where the person left the window
        {
            app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // The first time: maximised, so the status bar (the sync status) is on the screen.
            QTRY_VERIFY(window.isMaximized());
            const QRect available = window.screen()->availableGeometry();
            QTRY_VERIFY(available.contains(
                window.syncStatus().mapToGlobal(QPoint(0, window.syncStatus().height() - 1))));

            // The person sorts by rating, widens a column, moves the splitter, un-maximises.
            auto *table = window.findChild<QTableView *>(u"recordTable"_s);
            table->sortByColumn(app::RecordTableModel::Rating, Qt::DescendingOrder);
            table->setColumnWidth(app::RecordTableModel::Order, 222);
            window.showNormal();
            left = QRect(QPoint(20, 50), window.minimumSizeHint().expandedTo(QSize(700, 500)));
            QVERIFY2(available.marginsRemoved({8, 40, 8, 8}).contains(left),
                     qPrintable(u"screen %1x%2"_s.arg(available.width()).arg(available.height())));
            window.setGeometry(left);
            QTRY_VERIFY(!window.isMaximized());
            QTRY_COMPARE(window.geometry(), left);
            // The detail pane takes no width until a record is selected.
            auto *splitter = window.findChild<QSplitter *>(u"splitter"_s);
            QCOMPARE(splitter->sizes().value(1), 0);
            table->setCurrentIndex(table->model()->index(0, 0));
            QTRY_VERIFY(splitter->sizes().value(1) > 0);
            const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
            splitter->setSizes({total - 150, 150});
            splitterSizes = splitter->sizes();
        }
        {
            app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(!window.isMaximized());
            QTRY_COMPARE(window.geometry(), left);
            auto *table = window.findChild<QTableView *>(u"recordTable"_s);
            QCOMPARE(table->horizontalHeader()->sortIndicatorSection(),
                     int(app::RecordTableModel::Rating));
            QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
            QCOMPARE(window.dispatcher()->filterModel().sortColumn(),
                     int(app::RecordTableModel::Rating));
            QCOMPARE(window.dispatcher()
                         ->filterModel()
                         .index(0, app::RecordTableModel::Rating)
                         .data(app::RecordTableModel::SortRole)
                         .toInt(),
                     5);
            QCOMPARE(table->columnWidth(app::RecordTableModel::Order), 222);
            // The split comes back with the detail pane, and survives a run without it.
            auto *splitter = window.findChild<QSplitter *>(u"splitter"_s);
            QCOMPARE(splitter->sizes().value(1), 0);
            table->setCurrentIndex(table->model()->index(0, 0));
            QTRY_VERIFY(nearly(splitter->sizes().value(1), splitterSizes.value(1)));
        }
        {
            app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
        }
        {
            app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *table = window.findChild<QTableView *>(u"recordTable"_s);
            table->setCurrentIndex(table->model()->index(0, 0));
            QTRY_VERIFY(nearly(window.findChild<QSplitter *>(u"splitter"_s)->sizes().value(1),
                               splitterSizes.value(1)));
        }
        // Left on a bigger monitor, far to the right: it opens on this screen, whole.
        QVERIFY(session->profile().setSetting(u"desk/geometry"_s, u"2600,1500,2560,1440"_s));
        {
            app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const QRect available = window.screen()->availableGeometry();
            QVERIFY(!window.isMaximized());
            QTRY_VERIFY2(available.contains(window.frameGeometry()),
                         qPrintable(u"%1,%2 %3x%4"_s.arg(window.frameGeometry().x())
                                        .arg(window.frameGeometry().y())
                                        .arg(window.frameGeometry().width())
                                        .arg(window.frameGeometry().height())));
        }
    }

    void liveInsertsKeepTheViewStillAndSayHowManyAreNew()
    {
        auto session = test::openSession(m_dir.path() + u"/live"_s);
        QVERIFY(session);
        for (int i = 0; i < 120; ++i)
            QVERIFY(session->submit(makeFeedback(u"ORD-L%1"_s.arg(i), 1 + i % 9, 1 + i % 5)));
        test::ScriptedDialogs dialogs;
        app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::DispatcherView &desk = *window.dispatcher();
        auto *table = window.findChild<QTableView *>(u"recordTable"_s);
        auto *button = window.findChild<QPushButton *>(u"newRecordsButton"_s);
        QVERIFY(button);
        QVERIFY(!button->isVisible());

        // The dispatcher reads a record a little down the list.
        table->verticalScrollBar()->setValue(20);
        table->selectRow(24);
        const RecordId reading = currentRecord(desk, table);
        QCOMPARE(desk.detail().record(), reading);
        const int y = table->visualRect(table->currentIndex()).top();
        QVERIFY(y > 0);

        // Records arrive from another device, above everything.
        FeedbackBook laptop(testsupport::Workload(3).replicaId());
        auto arrive = [&](int count, const QString &prefix) {
            QList<BookDelta> deltas;
            for (int i = 0; i < count; ++i)
                deltas.append(*laptop.create(makeFeedback(prefix + QString::number(i), 77, 4)));
            QVERIFY(session->store().applyRemote(deltas));
            session->publishChanges();
        };
        arrive(3, u"ORD-N"_s);
        QCOMPARE(desk.model().rowCount(), 123);
        QTRY_VERIFY(button->isVisible());
        QCOMPARE(button->text(), u"↑ 3 new"_s);
        QCOMPARE(currentRecord(desk, table), reading);
        QCOMPARE(desk.detail().record(), reading);
        QCOMPARE(table->visualRect(table->currentIndex()).top(), y);
        arrive(1, u"ORD-M"_s);
        QTRY_COMPARE(button->text(), u"↑ 4 new"_s);
        QCOMPARE(table->visualRect(table->currentIndex()).top(), y);

        // A click shows the newest, and the count goes.
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(table->verticalScrollBar()->value(), 0);
        QVERIFY(!button->isVisible());
        QCOMPARE(desk.filterModel().index(0, app::RecordTableModel::Order).data().toString(),
                 u"ORD-M0"_s);
        QCOMPARE(currentRecord(desk, table), reading); // still the one being read

        // At the top with nothing selected, the list simply grows at the top.
        table->selectionModel()->clear();
        arrive(2, u"ORD-P"_s);
        QTRY_COMPARE(desk.filterModel().index(0, app::RecordTableModel::Order).data().toString(),
                     u"ORD-P1"_s);
        QCOMPARE(table->verticalScrollBar()->value(), 0);
        QVERIFY(!button->isVisible());

        // Scrolling to the top by hand clears the count too.
        table->verticalScrollBar()->setValue(30);
        table->selectRow(35);
        arrive(2, u"ORD-Q"_s);
        QTRY_COMPARE(button->text(), u"↑ 2 new"_s);
        table->verticalScrollBar()->setValue(0);
        QVERIFY(!button->isVisible());
    }

    void everyViewWritesAMomentTheSameWay()
    {
        auto session = test::openSession(m_dir.path() + u"/dates"_s, m_relay->url());
        QVERIFY(session);
        const auto id = session->submit(makeFeedback(u"ORD-D1"_s, 5, 2));
        QVERIFY(id);
        FeedbackEdit note;
        note.noteAuthor = u"Amira"_s;
        note.noteText = u"Called"_s;
        QVERIFY(session->edit(*id, note));
        test::ScriptedDialogs dialogs;
        app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        session->startSync();
        QTRY_COMPARE_WITH_TIMEOUT(window.syncStatus().syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
        QVERIFY(session->lastSync().isValid());
        app::DispatcherView &desk = *window.dispatcher();
        window.findChild<QTableView *>(u"recordTable"_s)->selectRow(0);
        QCOMPARE(desk.detail().record(), *id);
        const auto view = RecordReader::read(*id, *session->store().book().state().find(*id));
        const QString year = QString::number(
            QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(view->createdAt))
                .date()
                .year());

        const QList<std::pair<QString, QRegularExpression>> languages{
            {u"en"_s, QRegularExpression(
                          u"^\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}[\\s\\x{202F}][AP]M$"_s)},
            {u"de"_s, QRegularExpression(u"^\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}$"_s)}};
        for (const auto &[language, pattern] : languages) {
            app::AppLanguage::apply(language);
            const QString created = app::displayDateTime(view->createdAt);
            QVERIFY2(pattern.match(created).hasMatch(), qPrintable(language + u": "_s + created));
            QVERIFY(created.contains(year));
            // The table, the detail pane, its notes and the sync panel: the same format.
            QCOMPARE(desk.filterModel().index(0, app::RecordTableModel::Created).data().toString(),
                     created);
            QTRY_COMPARE(window.findChild<QLabel *>(u"createdValue"_s)->text(), created);
            auto *notes = window.findChild<QListWidget *>(u"notesList"_s);
            QCOMPARE(notes->count(), 1);
            QVERIFY2(notes->item(0)->text().contains(app::displayDateTime(view->notes[0].at)),
                     qPrintable(notes->item(0)->text()));
            auto *lastSync = window.syncStatus().panel()->findChild<QLabel *>(u"lastSyncValue"_s);
            QTRY_COMPARE(lastSync->text(), app::displayDateTime(session->lastSync()));
            QVERIFY2(pattern.match(lastSync->text()).hasMatch(), qPrintable(lastSync->text()));
            // The date filters show the date part of the same format.
            QTRY_COMPARE(window.findChild<QDateEdit *>(u"fromDate"_s)->displayFormat(),
                         app::displayDateFormat());
        }
    }

    void exportSaysWhatItWritesAndWhere()
    {
        auto session = test::openSession(m_dir.path() + u"/export"_s);
        QVERIFY(session);
        const auto first = session->submit(makeFeedback(u"ORD-E1"_s, 7, 2, u"Straße, mañana"_s));
        QVERIFY(first);
        QVERIFY(session->submit(makeFeedback(u"ORD-E2"_s, 8, 5)));
        QVERIFY(session->submit(makeFeedback(u"ORD-E3"_s, 8, 4)));
        FeedbackEdit edit;
        edit.followUp = FollowUpStatus::InProgress;
        QVERIFY(session->edit(*first, edit));
        test::ScriptedDialogs dialogs;
        app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The button says how many records the filters let through, and follows them.
        auto *button = window.findChild<QPushButton *>(u"exportButton"_s);
        QVERIFY(button);
        QCOMPARE(plain(button->text()), u"Export 3 shown records…"_s);
        QTest::keyClicks(window.findChild<QLineEdit *>(u"courierEdit"_s), u"7"_s);
        QTRY_COMPARE(plain(button->text()), u"Export 1 shown record…"_s);

        // Documents, with today's date in the name; a UTF-8 mark first; display values and
        // the raw ids in their own columns; times in ISO 8601.
        const QString before = QDate::currentDate().toString(Qt::ISODate);
        dialogs.saveFile = m_home + u"/Documents/chosen.csv"_s;
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(dialogs.saveFile));
        const QString after = QDate::currentDate().toString(Qt::ISODate);
        QVERIFY2(dialogs.suggestedFile == m_home + u"/Documents/feedback-%1.csv"_s.arg(before) ||
                     dialogs.suggestedFile == m_home + u"/Documents/feedback-%1.csv"_s.arg(after),
                 qPrintable(dialogs.suggestedFile));
        QFile file(dialogs.saveFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QStringList lines =
            QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QStringList header = lines[0].split(u',');
        for (const QString &column : {u"Follow-up status"_s, u"Device"_s, u"Record ID"_s,
                                      u"Device ID"_s, u"Created (UTC)"_s})
            QVERIFY2(header.contains(column), qPrintable(lines[0]));
        const QString &row = lines[1];
        const auto view = RecordReader::read(*first, *session->store().book().state().find(*first));
        const QStringList values{u"In progress"_s,
                                 u",test,"_s,
                                 u"\"Straße, mañana\""_s,
                                 recordIdToString(*first),
                                 replicaIdToString(session->store().deviceId()),
                                 RecordExport::isoUtc(view->createdAt)};
        for (const QString &value : values)
            QVERIFY2(row.contains(value), qPrintable(value + u" in "_s + row));
        QVERIFY(!row.contains(u"in_progress"_s));
        QVERIFY(window.statusBar()->currentMessage().contains(u"1 record"_s));

        // JSON stays for machines: raw values.
        dialogs.saveFile = m_home + u"/Documents/chosen.json"_s;
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(dialogs.saveFile));
        QFile json(dialogs.saveFile);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray records = QJsonDocument::fromJson(json.readAll()).array();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0][u"followUp"_s].toString(), u"in_progress"_s);

        // Nothing shown, nothing to export.
        QTest::keyClicks(window.findChild<QLineEdit *>(u"courierEdit"_s), u"9"_s); // 79
        QTRY_COMPARE(plain(button->text()), u"Export 0 shown records…"_s);
        QVERIFY(!button->isEnabled());
    }

    void fieldViewSaysSentOnceTheRelayHasIt()
    {
        auto session = test::openSession(m_dir.path() + u"/field"_s, m_relay->url());
        QVERIFY(session);
        test::ScriptedDialogs dialogs;
        app::MainWindow window(*session, dialogs, app::AppMode::Field);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *order = window.findChild<QLineEdit *>(u"orderIdEdit"_s);
        QTest::keyClicks(order, u"ORD-F1"_s);
        QTest::keyClicks(window.findChild<QLineEdit *>(u"courierIdEdit"_s), u"12"_s);
        QTest::keyClick(window.findChild<app::StarRating *>(u"ratingStars"_s), Qt::Key_4);
        QTest::mouseClick(window.findChild<QPushButton *>(u"submitButton"_s), Qt::LeftButton);
        auto *status = window.findChild<QLabel *>(u"statusLabel"_s);
        // Not connected yet: saved here.
        QCOMPARE(status->text(), u"Saved on this device. It will be sent when online."_s);
        QCOMPARE(session->pendingCount(), 1);

        session->startSync();
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"Sent: dispatchers can see it now."_s,
                                  feedback::test::kPatienceMs);
        QCOMPARE(session->pendingCount(), 0);
        QVERIFY(status->isVisible());

        // The next entry takes the line back: a later sync does not bring the old news back.
        QTest::mouseClick(window.findChild<QPushButton *>(u"submitButton"_s), Qt::LeftButton);
        QCOMPARE(status->text(), QString()); // the empty form was refused, the line cleared
        Q_EMIT session->syncedChanged();
        QCOMPARE(status->text(), QString());
    }
};

QTEST_MAIN(TestDesk)
#include "tst_desk.moc"
