// The dispatcher desk against a real feedback-relay and a real feedbackctl device: records from
// the other device appear live, filters narrow the table, follow-up and notes reach the other
// device, a conflict shows both values (each with the device and time that set it), an icon in
// the table, a count in the status bar and a filter, and resolving it clears it everywhere; the
// keyboard reaches everything in the declared order with unique mnemonics in every language;
// the status bar follows the real sync states, and counts changes of other devices it could not
// read.
#include "GuiTestSupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/DisplayDates.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/SettingsDialog.h>
#include <app/SyncStatusWidget.h>
#include <core/RecordReader.h>
#include <support/FeedbackCtlRunner.h>
#include <support/HostileUnits.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestDispatcher : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::RelayProcess> m_relay;
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;
    QString m_ctlProfile;

    test::FeedbackCtlRun ctl(const QStringList &args)
    {
        return test::FeedbackCtlRunner::run(m_ctlProfile, args);
    }
    QString submitFromCtl(const QStringList &args)
    {
        const test::FeedbackCtlRun r = ctl(QStringList{u"submit"_s} + args);
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        return r.lastLine();
    }
    // The other device's view of a record, by one of its fields (id, orderId...).
    QJsonObject ctlRecord(const QString &value, const QString &field = u"id"_s)
    {
        const test::FeedbackCtlRun r = ctl({u"list"_s, u"--format"_s, u"json"_s});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
            if (v[field].toString() == value)
                return v.toObject();
        }
        return {};
    }
    // A missing widget fails the current test only (GuiTestSupport.h).
    template <class T>
    T *find(const QString &name,
            const std::source_location where = std::source_location::current()) const
    {
        return test::findWidget<T>(m_window.get(), name, where);
    }
    app::DispatcherView &desk() const { return *m_window->dispatcher(); }
    QWidget *focused() const { return QApplication::focusWidget(); }
    // The named widget that has the focus: a spin box rather than its inner line edit.
    QString focusName() const
    {
        for (QWidget *w = focused(); w; w = w->parentWidget()) {
            if (!w->objectName().isEmpty() && !w->objectName().startsWith(u"qt_"_s))
                return w->objectName();
        }
        return QString();
    }
    void focusOn(QWidget *widget)
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        widget->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(widget->hasFocus() || widget->isAncestorOf(focused()));
    }
    // Every mnemonic (Alt+letter) the window offers while it looks as it does now, with who
    // offers it: visible buttons, labels with a buddy, group boxes, tabs, the menu bar.
    QMultiMap<QString, QString> windowMnemonics() const
    {
        QMultiMap<QString, QString> keys;
        auto add = [&keys](const QString &text, const QString &who) {
            const QString key = QKeySequence::mnemonic(text).toString();
            if (!key.isEmpty())
                keys.insert(key, who + u" \""_s + text + u"\""_s);
        };
        for (QWidget *w : m_window->findChildren<QWidget *>()) {
            if (!w->isVisible() || w->window() != m_window.get())
                continue;
            if (auto *button = qobject_cast<QAbstractButton *>(w))
                add(button->text(), w->objectName());
            else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
                add(label->text(), w->objectName());
            else if (auto *box = qobject_cast<QGroupBox *>(w))
                add(box->title(), w->objectName());
            else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
                for (int i = 0; i < tabs->count(); ++i)
                    add(tabs->tabText(i), u"tab"_s);
            }
        }
        for (QAction *action : m_window->menuBar()->actions()) {
            if (action->isVisible())
                add(action->text(), u"menu"_s);
        }
        return keys;
    }
    static QStringList duplicates(const QMultiMap<QString, QString> &keys)
    {
        QStringList out;
        for (const QString &key : keys.uniqueKeys()) {
            if (keys.count(key) > 1)
                out.append(key + u": "_s + QStringList(keys.values(key)).join(u", "_s));
        }
        return out;
    }
    void select(const QString &id)
    {
        const auto rid = recordIdFromString(id);
        QVERIFY(rid);
        test::selectRecord(desk(), m_window.get(), *rid);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay"_s);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
        m_session = test::openSession(m_dir.path() + u"/desk"_s, m_relay->url());
        QVERIFY(m_session);
        m_ctlProfile = m_dir.path() + u"/kiosk"_s;
        const test::FeedbackCtlRun joined =
            ctl({u"join"_s, test::inviteOf(*m_session), u"--name"_s, u"kiosk"_s});
        QVERIFY2(joined.ok(), joined.describe().constData());
        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show();
        m_session->startSync();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->syncStatus().syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
    }
    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
    }

    void recordsFromAnotherDeviceAppearLive()
    {
        submitFromCtl(
            {u"--order"_s, u"ORD-100001"_s, u"--courier"_s, u"17"_s, u"--rating"_s, u"5"_s});
        submitFromCtl({u"--order"_s, u"ORD-100002"_s, u"--courier"_s, u"23"_s, u"--rating"_s,
                       u"2"_s, u"--reason"_s, u"late"_s});
        submitFromCtl(
            {u"--order"_s, u"ORD-100003"_s, u"--courier"_s, u"17"_s, u"--rating"_s, u"3"_s});
        QVERIFY(ctl({u"sync"_s}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(desk().model().rowCount(), 3, feedback::test::kPatienceMs);
        // Newest first, and highlighted as new.
        QCOMPARE(desk().filterModel().index(0, app::RecordTableModel::Order).data().toString(),
                 u"ORD-100003"_s);
        QVERIFY(desk().filterModel().index(0, 0).data(Qt::BackgroundRole).isValid());
    }

    // The detail pane takes no room until there is something to show in it.
    void theDetailPaneWaitsForASelection()
    {
        auto *pane = find<QScrollArea>(u"detailScroll"_s);
        auto *table = find<QTableView>(u"recordTable"_s);
        QVERIFY(!desk().detail().record());
        QVERIFY(!pane->isVisible());
        QVERIFY(table->width() > m_window->width() * 9 / 10);
        const QString id =
            desk().filterModel().index(0, 0).data(app::RecordTableModel::IdRole).toString();
        select(id);
        QTRY_VERIFY(pane->isVisible());
        QVERIFY(find<QLabel>(u"headerLabel"_s)->isVisible());
        QVERIFY(table->width() < m_window->width() * 3 / 4);
    }

    // Tab goes through the filters in the order ui/DispatcherView.ui declares, to the table and
    // only then into the detail pane; a date filter does not keep it.
    void tabWalksTheFiltersInTheDeclaredOrder()
    {
        focusOn(find<QLineEdit>(u"searchEdit"_s));
        const QStringList declared{u"filterReasonCombo"_s,
                                   u"minRatingSpin"_s,
                                   u"maxRatingSpin"_s,
                                   u"courierEdit"_s,
                                   u"filterFollowUpCheck"_s,
                                   u"exportButton"_s,
                                   u"filterStatusCombo"_s,
                                   u"fromDate"_s,
                                   u"toDate"_s,
                                   u"clearFiltersButton"_s,
                                   u"filterConflictCheck"_s,
                                   u"filterMineCheck"_s,
                                   u"recordTable"_s};
        QStringList walked;
        for (qsizetype i = 0; i < declared.size(); ++i) {
            QTest::keyClick(focused(), Qt::Key_Tab);
            QVERIFY2(!desk().detail().isAncestorOf(focused()),
                     qPrintable(u"in the detail pane after "_s + walked.join(u", "_s)));
            walked.append(focusName());
        }
        QCOMPARE(walked, declared);
        // The pane shows a record (the test before): it comes after the table.
        QTest::keyClick(focused(), Qt::Key_Tab);
        QVERIFY2(desk().detail().isAncestorOf(focused()), qPrintable(focusName()));
        QCOMPARE(focusName(), u"followUpStatusCombo"_s);
    }

    void tabLeavesTheDateFilters()
    {
        auto *from = find<QDateEdit>(u"fromDate"_s);
        auto *to = find<QDateEdit>(u"toDate"_s);
        focusOn(from);
        QTest::keyClick(focused(), Qt::Key_Tab);
        QCOMPARE(focusName(), u"toDate"_s);
        QTest::keyClick(focused(), Qt::Key_Tab);
        QCOMPARE(focusName(), u"clearFiltersButton"_s);
        // With a date set too, and backwards.
        focusOn(to);
        QTest::keyClick(focused(), Qt::Key_Up); // from "any" to today
        QCOMPARE(to->date(), QDate::currentDate());
        QTest::keyClick(focused(), Qt::Key_Backtab);
        QCOMPARE(focusName(), u"fromDate"_s);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QCOMPARE(desk().filterModel().rowCount(), desk().model().rowCount());
    }

    void ctrlFFocusesTheFilterBox()
    {
        focusOn(find<QTableView>(u"recordTable"_s));
        auto *tabs = find<QTabWidget>(u"tabs"_s);
        tabs->setCurrentIndex(1); // even from the analytics
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QTRY_COMPARE(focusName(), u"searchEdit"_s);
    }

    // QKeySequence::Preferences is empty here (X11, offscreen): Ctrl+, opens the settings.
    void ctrlCommaOpensTheSettings()
    {
        focusOn(find<QTableView>(u"recordTable"_s));
        QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier);
        const auto settingsDialog = [this] {
            return test::findOptional<app::SettingsDialog>(m_window.get(), u"settingsDialog"_s);
        };
        QTRY_VERIFY(settingsDialog());
        auto *dialog = settingsDialog();
        QTRY_VERIFY(dialog->isVisible());
        dialog->reject();
        QTRY_VERIFY(!settingsDialog());
    }

    // Alt+letter reaches one thing only: per window (with either tab shown and a record with a
    // conflict selected) and per menu, in every language.
    void mnemonicsAreUniqueInEveryLanguage()
    {
        auto *tabs = find<QTabWidget>(u"tabs"_s);
        const auto backToEnglish = qScopeGuard([tabs] {
            app::AppLanguage::apply(u"en"_s);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
            tabs->setCurrentIndex(0);
        });
        // With a record shown: the detail pane's labels and buttons count too.
        tabs->setCurrentIndex(0);
        select(desk().filterModel().index(0, 0).data(app::RecordTableModel::IdRole).toString());
        QVERIFY(find<QGroupBox>(u"followUpBox"_s)->isVisible());
        for (const QString &language : {u"en"_s, u"de"_s, u"es"_s, u"fr"_s}) {
            app::AppLanguage::apply(language);
            // LanguageChange is posted: wait until the window speaks the language.
            QTRY_COMPARE(find<QLabel>(u"searchLabel"_s)->text(),
                         QCoreApplication::translate("DispatcherView", "F&ind"));
            QTRY_COMPARE(m_window->menuBar()->actions().first()->text(),
                         QCoreApplication::translate("feedback::app::MainWindow", "&File"));
            for (int tab = 0; tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                const QStringList clashes = duplicates(windowMnemonics());
                QVERIFY2(clashes.isEmpty(),
                         qPrintable(language + u", tab "_s + QString::number(tab) + u": "_s +
                                    clashes.join(u"; "_s)));
            }
            for (QAction *menuAction : m_window->menuBar()->actions()) {
                QMultiMap<QString, QString> keys;
                for (QAction *action : menuAction->menu()->actions()) {
                    const QString key = QKeySequence::mnemonic(action->text()).toString();
                    if (!action->isSeparator() && !key.isEmpty())
                        keys.insert(key, action->text());
                }
                const QStringList clashes = duplicates(keys);
                QVERIFY2(clashes.isEmpty(),
                         qPrintable(language + u", menu "_s + menuAction->text() + u": "_s +
                                    clashes.join(u"; "_s)));
            }
        }
    }

    void filtersNarrowTheView()
    {
        auto &view = desk().filterModel();
        QTest::keyClicks(find<QLineEdit>(u"courierEdit"_s), u"17"_s);
        QTRY_COMPARE(view.rowCount(), 2);
        find<QSpinBox>(u"maxRatingSpin"_s)->setValue(4);
        QCOMPARE(view.rowCount(), 1);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QCOMPARE(view.rowCount(), 3);
        find<QCheckBox>(u"filterFollowUpCheck"_s)->setChecked(true);
        QCOMPARE(view.rowCount(), 1);
        QCOMPARE(view.index(0, app::RecordTableModel::Order).data().toString(), u"ORD-100002"_s);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(u"searchEdit"_s), u"100001"_s);
        QTRY_COMPARE(view.rowCount(), 1);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTRY_COMPARE(view.rowCount(), 3);
    }

    void followUpAndNotesReachTheOtherDevice()
    {
        const QString id = ctlRecord(u"ORD-100002"_s, u"orderId"_s)[u"id"_s].toString();
        QVERIFY(!id.isEmpty());
        select(id);
        auto *status = find<QComboBox>(u"followUpStatusCombo"_s);
        status->setFocus();
        QTest::keyClick(status, Qt::Key_Down); // open -> in progress, as a keyboard user does
        QCOMPARE(status->currentIndex(), 1);
        QTest::keyClicks(find<QLineEdit>(u"noteEdit"_s), u"Called the customer"_s);
        QTest::mouseClick(find<QPushButton>(u"addNoteButton"_s), Qt::LeftButton);
        const auto rid = recordIdFromString(id);
        const auto here = RecordReader::read(*rid, *m_session->store().book().state().find(*rid));
        QCOMPARE(here->followUp, FollowUpStatus::InProgress);
        QCOMPARE(here->notes.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->pendingCount(), 0, feedback::test::kPatienceMs);

        QVERIFY(ctl({u"sync"_s}).ok());
        const QJsonObject there = ctlRecord(id);
        QVERIFY2(there[u"followUp"_s].toString() == u"in_progress"_s,
                 QJsonDocument(there).toJson().constData());
        QCOMPARE(there[u"notes"_s].toArray().size(), 1);
        QCOMPARE(there[u"notes"_s][0][u"text"_s].toString(), u"Called the customer"_s);
        QCOMPARE(there[u"notes"_s][0][u"author"_s].toString(), u"test"_s);
    }

    void conflictShowsBothValuesAndResolvingClearsIt()
    {
        const QString id = submitFromCtl(
            {u"--order"_s, u"ORD-100004"_s, u"--courier"_s, u"8"_s, u"--rating"_s, u"3"_s});
        QVERIFY(ctl({u"sync"_s}).ok());
        const auto rid = recordIdFromString(id);
        QTRY_VERIFY_WITH_TIMEOUT(desk().model().rowOf(*rid) >= 0, feedback::test::kPatienceMs);

        // Apart, both devices change the rating.
        m_session->stopSync();
        FeedbackEdit edit;
        edit.rating = 1;
        QVERIFY(m_session->edit(*rid, edit));
        QVERIFY(ctl({u"edit"_s, id, u"--rating"_s, u"5"_s}).ok());
        QVERIFY(ctl({u"sync"_s}).ok());
        m_session->startSync();
        select(id);
        QTRY_VERIFY_WITH_TIMEOUT(find<QGroupBox>(u"conflictBox"_s)->isVisible(),
                                 feedback::test::kPatienceMs);
        auto *first = find<QPushButton>(u"keep_rating_0"_s);
        auto *second = find<QPushButton>(u"keep_rating_1"_s);
        QVERIFY(first && second);
        const QStringList shown{first->text(), second->text()};
        QVERIFY(shown.contains(u"Keep 1 star"_s));
        QVERIFY(shown.contains(u"Keep 5 stars"_s));

        // Each value says which device set it, and when: this desk by its name, the other by
        // its short id (the first digits of the ids of the records it created).
        const auto view = RecordReader::read(*rid, *m_session->store().book().state().find(*rid));
        QCOMPARE(view->conflicts.first().origins.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const ValueOrigin &origin = view->conflicts.first().origins[i];
            const bool mine = origin.device == m_session->store().deviceId();
            const QString device = mine ? u"test (this device)"_s : u"device "_s + id.left(8);
            const QString time = app::displayDateTime(origin.at); // the app's one format
            const QString name = u"origin_rating_%1"_s.arg(i);
            // Shown from the event loop, like every widget added to a visible layout.
            QTRY_VERIFY(test::findOptional<QLabel>(m_window.get(), name) &&
                        find<QLabel>(name)->isVisible());
            auto *label = find<QLabel>(name);
            QVERIFY2(label->text().contains(device) && label->text().contains(time),
                     qPrintable(label->text() + u" / "_s + device + u" "_s + time));
            QCOMPARE(find<QPushButton>(u"keep_rating_%1"_s.arg(i))->text(),
                     u"Keep %1"_s.arg(view->conflicts.first().values[i].toInt() == 1
                                          ? u"1 star"_s
                                          : u"5 stars"_s));
        }

        // Tab from the table reaches the choice first: it is shown above the follow-up.
        focusOn(find<QTableView>(u"recordTable"_s));
        QTest::keyClick(focused(), Qt::Key_Tab);
        QCOMPARE(focusName(), u"keep_rating_0"_s);

        // The table marks it with an icon and says what it means; the status bar counts it and
        // shows it on a click.
        const int row = desk().model().rowOf(*rid);
        const QModelIndex state = desk().model().index(row, app::RecordTableModel::State);
        QVERIFY(!state.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!state.data(Qt::DecorationRole)
                     .value<QIcon>()
                     .pixmap(QSize(16, 16), 2.0)
                     .isNull()); // an SVG: drawn sharp at twice the size
        QVERIFY(state.data(Qt::ToolTipRole).toString().contains(u"Conflict"_s));
        QVERIFY(!state.data().toString().contains(u"Conflict"_s)); // the text stays short
        auto *count = m_window->statusBar()->findChild<QPushButton *>(u"conflictStatus"_s);
        QVERIFY(count);
        QTRY_VERIFY(count->isVisible());
        QCOMPARE(count->text(), u"1 conflict"_s);
        QTest::mouseClick(count, Qt::LeftButton);
        QVERIFY(find<QCheckBox>(u"filterConflictCheck"_s)->isChecked());
        QCOMPARE(desk().filterModel().rowCount(), 1);
        QCOMPARE(desk().filterModel().index(0, 0).data(app::RecordTableModel::IdRole).toString(),
                 id);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->pendingCount(), 0, feedback::test::kPatienceMs);
        // The other device sees the same conflict, with the same display value first.
        QVERIFY(ctl({u"sync"_s}).ok());
        const QJsonArray values = ctlRecord(id)[u"conflicts"_s][u"rating"_s].toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(first->text(),
                 u"Keep %1"_s.arg(values[0].toInt() == 1 ? u"1 star"_s : u"5 stars"_s));

        (first->text() == u"Keep 5 stars"_s ? first : second)->click();
        QTRY_VERIFY(!find<QGroupBox>(u"conflictBox"_s)->isVisible());
        QTRY_VERIFY(!count->isVisible());
        QVERIFY(desk()
                    .model()
                    .index(desk().model().rowOf(*rid), app::RecordTableModel::State)
                    .data(Qt::DecorationRole)
                    .isNull());
        QCOMPARE(desk().filterModel().rowCount(), 0); // still filtered to conflicts: none left
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->pendingCount(), 0, feedback::test::kPatienceMs);
        QVERIFY(ctl({u"sync"_s}).ok());
        const QJsonObject there = ctlRecord(id);
        QVERIFY(there[u"conflicts"_s].toObject().isEmpty());
        QCOMPARE(there[u"rating"_s].toInt(), 5);
    }

    void exportWritesTheFilteredView()
    {
        m_dialogs.saveFile = m_dir.path() + u"/export.csv"_s;
        QTest::keyClicks(find<QLineEdit>(u"courierEdit"_s), u"17"_s);
        QTRY_COMPARE(desk().filterModel().rowCount(), 2);
        QTest::mouseClick(find<QPushButton>(u"exportButton"_s), Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(m_dialogs.saveFile));
        QFile file(m_dialogs.saveFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header + two records of courier 17
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
    }

    void statusBarFollowsTheRealSyncStates()
    {
        app::SyncStatusWidget &status = m_window->syncStatus();
        m_relay->kill();
        QTRY_VERIFY_WITH_TIMEOUT(status.syncStateName() == u"offline"_s ||
                                     status.syncStateName() == u"error"_s,
                                 feedback::test::kPatienceMs);
        NewFeedback input{u"ORD-900001"_s, 4, 4, QString(), {}, false, {}};
        QVERIFY(m_session->submit(input));
        QVERIFY(m_session->submit(input));
        QCOMPARE(status.pending(), 2);
        QTRY_VERIFY(status.text().contains(u"2 waiting"_s));
        QVERIFY2(status.text().startsWith(u"Cannot reach 127.0.0.1"_s) ||
                     status.text().startsWith(u"Connection to 127.0.0.1 lost"_s),
                 qPrintable(status.text()));

        QVERIFY2(m_relay->restart(), m_relay->describe().constData());
        if (m_relay->url() != m_session->relayUrl())
            QVERIFY(m_session->setSyncSettings(m_relay->url(), true));
        QTRY_COMPARE_WITH_TIMEOUT(status.syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(status.pending(), 0, feedback::test::kPatienceMs);
        QVERIFY(status.text().startsWith(u"Up to date"_s));
        QVERIFY(status.text().contains(u"0 waiting"_s));
    }

    // The table's comment column: one line, no control characters, cut when long.
    void theCommentColumnShowsAnExcerpt()
    {
        const QString comment =
            u"Left at the door\n\nin the rain,\t\tbox   wet and torn. "_s + QString(300, u'x');
        const auto id = m_session->submit({u"ORD-700001"_s, 31, 2, comment, {}, false, {}});
        QVERIFY2(id, qPrintable(id.error()));
        QTRY_VERIFY(desk().model().rowOf(*id) >= 0);
        const QString shown = desk()
                                  .model()
                                  .index(desk().model().rowOf(*id), app::RecordTableModel::Comment)
                                  .data()
                                  .toString();
        QVERIFY2(shown.startsWith(u"Left at the door in the rain, box wet and torn. xxx"_s),
                 qPrintable(shown));
        QVERIFY(shown.endsWith(QChar(0x2026)));
        QVERIFY(shown.size() <= 161);
        for (const QChar c : shown)
            QVERIFY(c.isPrint());
        // Control and direction-override characters (refused at input, but a record is read
        // from other devices too) never reach a cell.
        QCOMPARE(
            app::RecordTableModel::commentExcerpt(u"a"_s + QChar(1) + u"b\u202Ec\r\nd\u2028e"_s),
            u"abc d e"_s);
        QCOMPARE(desk().model().headerData(app::RecordTableModel::Comment, Qt::Horizontal),
                 QVariant(u"Comment"_s));
        QVERIFY(
            !find<QTableView>(u"recordTable"_s)->isColumnHidden(app::RecordTableModel::Comment));
        // Searching still finds the whole comment.
        QTest::keyClicks(find<QLineEdit>(u"searchEdit"_s), u"torn"_s);
        QTRY_COMPARE(desk().filterModel().rowCount(), 1);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
    }

    void changesThatCannotBeReadAreCounted()
    {
        app::SyncStatusWidget &status = m_window->syncStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status.syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
        // A member pushes units sealed with the workspace key that no device can read.
        const auto keys = sync::workspaceKeysOf(m_session->store());
        const test::Identity hostile{*keys};
        test::Peer peer(m_session->relayUrl());
        VERIFY_PEER(peer.authenticate(hostile), peer);
        const QByteArray origin = hostile.device;
        VERIFY_PEER(peer.push({hostile.sign(
                        {origin, 1, testsupport::undecodableDelta(*keys, origin, 1), 0})}),
                    peer);
        QTRY_VERIFY_WITH_TIMEOUT(status.text().contains(u"1 change could not be read"_s),
                                 feedback::test::kPatienceMs);
        QCOMPARE(status.syncStateName(), u"up-to-date"_s); // sync goes on
        VERIFY_PEER(peer.push({hostile.sign({origin, 2,
                                             testsupport::tampered(keys->sealGroup(
                                                 {QByteArray("x"), QByteArray("y")}, origin, 2)),
                                             0, 2})}),
                    peer);
        QTRY_VERIFY_WITH_TIMEOUT(status.text().contains(u"2 changes could not be read"_s),
                                 feedback::test::kPatienceMs);
        status.panel()->refresh();
        QVERIFY(status.panel()
                    ->findChild<QLabel *>(u"stateLabel"_s)
                    ->text()
                    .contains(u"2 changes could not be read"_s));
    }
};

QTEST_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
