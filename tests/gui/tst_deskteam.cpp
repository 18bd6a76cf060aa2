// The dispatcher desk in a team, against a real feedback-relay and a real feedbackctl device:
// a low rating or a request to be contacted arriving from another device raises one desktop
// notification (never for a good rating, a record entered on this desk, a later edit, or with
// alerts turned off), and it never carries what the customer wrote; the order number links to
// the company's order system through the template in Settings, encoded so that the customer's
// text cannot leave its place in the URL, and a template that is not a web address with
// {orderId} is refused; the record's history lists a change made on the other device with its
// author's name, and one made here reaches the other device's `feedbackctl history`; "My
// follow-ups" asks the dispatcher's name once and shows what is assigned to it, and notes carry
// that name.
#include "GuiTestSupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/AppSettings.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/SettingsDialog.h>
#include <app/SyncStatusWidget.h>
#include <support/FeedbackCtlRunner.h>
#include <support/RelayProcess.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestDeskTeam : public QObject
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
    // Submits on the other device and syncs it; the record's id.
    QString submitElsewhere(const QStringList &args)
    {
        const test::FeedbackCtlRun r =
            ctl(QStringList{u"submit"_s, u"--courier"_s, u"17"_s} + args);
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        const test::FeedbackCtlRun synced = ctl({u"sync"_s});
        if (!synced.ok())
            qWarning("%s", synced.describe().constData());
        return r.lastLine();
    }
    template <class T>
    T *find(const QString &name,
            const std::source_location where = std::source_location::current()) const
    {
        return test::findWidget<T>(m_window.get(), name, where);
    }
    app::DispatcherView &desk() const { return *m_window->dispatcher(); }
    bool onDesk(const QString &id) const
    {
        const auto rid = recordIdFromString(id);
        return rid && desk().model().rowOf(*rid) >= 0;
    }
    void select(const RecordId &id) { test::selectRecord(desk(), m_window.get(), id); }
    RecordId submitHere(const QString &order, int rating)
    {
        NewFeedback input;
        input.orderId = order;
        input.courierId = 5;
        input.rating = rating;
        const Result<RecordId> id = m_session->submit(input);
        if (!id)
            qWarning("%s", qPrintable(id.error()));
        return id ? *id : RecordId{};
    }
    // Settings, opened as a person opens it (closed when saved).
    app::SettingsDialog *openSettings() { return m_window->openSettings(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay"_s);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
        m_session = test::openSession(m_dir.path() + u"/desk"_s, m_relay->url());
        QVERIFY(m_session);
        m_ctlProfile = m_dir.path() + u"/laptop"_s;
        const test::FeedbackCtlRun joined =
            ctl({u"join"_s, test::inviteOf(*m_session), u"--name"_s, u"laptop"_s});
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

    void aLowRatingFromAnotherDeviceRaisesOneAlert()
    {
        const QString low = submitElsewhere({u"--order"_s, u"ORD-200001"_s, u"--rating"_s, u"1"_s,
                                             u"--comment"_s, u"never again, Hauptstr. 5"_s});
        const QString good =
            submitElsewhere({u"--order"_s, u"ORD-200002"_s, u"--rating"_s, u"4"_s});
        QTRY_VERIFY_WITH_TIMEOUT(onDesk(low) && onDesk(good), feedback::test::kPatienceMs);
        QCOMPARE(m_dialogs.notifications.size(), 1);
        const QString alert = m_dialogs.notifications.first();
        QVERIFY2(alert.contains(u"1-star"_s) && alert.contains(u"ORD-200001"_s) &&
                     alert.contains(u"Courier 17"_s),
                 qPrintable(alert));
        QVERIFY2(!alert.contains(u"Hauptstr"_s), "what the customer wrote stays out of it");

        // A later change of that record is no new rating; one entered here is known here.
        const test::FeedbackCtlRun assigned = ctl({u"edit"_s, low, u"--assignee"_s, u"Amira"_s});
        QVERIFY2(assigned.ok(), assigned.describe().constData());
        const QString another =
            submitElsewhere({u"--order"_s, u"ORD-200003"_s, u"--rating"_s, u"5"_s});
        QTRY_VERIFY_WITH_TIMEOUT(onDesk(another), feedback::test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->record(*recordIdFromString(low))->assignee, u"Amira"_s,
                                  feedback::test::kPatienceMs);
        const RecordId here = submitHere(u"ORD-200004"_s, 1);
        QTRY_VERIFY(desk().model().rowOf(here) >= 0);
        QCOMPARE(m_dialogs.notifications.size(), 1);
    }

    void aRequestToBeContactedAlertsWhateverTheRating()
    {
        const qsizetype before = m_dialogs.notifications.size();
        const QString id =
            submitElsewhere({u"--order"_s, u"ORD-200010"_s, u"--rating"_s, u"5"_s,
                             u"--contact-me"_s, u"--contact"_s, u"customer@example.org"_s});
        QTRY_VERIFY_WITH_TIMEOUT(onDesk(id), feedback::test::kPatienceMs);
        QCOMPARE(m_dialogs.notifications.size(), before + 1);
        const QString alert = m_dialogs.notifications.last();
        QVERIFY2(alert.contains(u"asks to be contacted"_s), qPrintable(alert));
        QVERIFY2(!alert.contains(u"customer@example.org"_s), qPrintable(alert));
    }

    void alertsTurnedOffInTheSettingsRaiseNone()
    {
        app::SettingsDialog *dialog = openSettings();
        QVERIFY(dialog);
        auto *alerts = test::findWidget<QCheckBox>(dialog, u"alertsCheck"_s);
        QVERIFY(alerts->isChecked()); // on by default
        alerts->setChecked(false);
        test::findWidget<QPushButton>(dialog, u"saveButton"_s)->click();
        QVERIFY(!m_session->profile().get(app::settings::kAlerts));
        const qsizetype before = m_dialogs.notifications.size();
        const QString id = submitElsewhere({u"--order"_s, u"ORD-200020"_s, u"--rating"_s, u"2"_s});
        QTRY_VERIFY_WITH_TIMEOUT(onDesk(id), feedback::test::kPatienceMs);
        QCOMPARE(m_dialogs.notifications.size(), before);
        QVERIFY(m_session->profile().set(app::settings::kAlerts, true));
    }

    void theHistoryListsChangesFromEveryDeviceWithTheirAuthor()
    {
        const QString id = submitElsewhere({u"--order"_s, u"ORD-200040"_s, u"--rating"_s, u"3"_s});
        const test::FeedbackCtlRun edited =
            ctl({u"edit"_s, id, u"--rating"_s, u"4"_s, u"--author"_s, u"Yusuf"_s});
        QVERIFY2(edited.ok(), edited.describe().constData());
        QVERIFY(ctl({u"sync"_s}).ok());
        const RecordId rid = *recordIdFromString(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->record(rid)->rating, 4, feedback::test::kPatienceMs);
        select(rid);
        auto *history = find<QListWidget>(u"historyList"_s);
        QVERIFY(find<QWidget>(u"historyBox"_s)->isVisible());
        QTRY_COMPARE(history->count(), 2);
        QVERIFY2(history->item(0)->text().contains(u"Created"_s),
                 qPrintable(history->item(0)->text()));
        const QString line = history->item(1)->text();
        QVERIFY2(line.contains(u"Yusuf"_s) && line.contains(u"Rating: ★★★☆☆ → ★★★★☆"_s),
                 qPrintable(line));

        // A change made here reaches the other device's history with this desk's name.
        auto *status = find<QComboBox>(u"followUpStatusCombo"_s);
        status->setCurrentIndex(2);
        Q_EMIT status->activated(2);
        QTRY_COMPARE(history->count(), 3);
        QVERIFY2(history->item(2)->text().contains(m_session->deviceName()),
                 qPrintable(history->item(2)->text()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->syncStatus().syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
        QVERIFY(ctl({u"sync"_s}).ok());
        const test::FeedbackCtlRun json = ctl({u"history"_s, id, u"--format"_s, u"json"_s});
        QVERIFY2(json.ok(), json.describe().constData());
        const QJsonArray changes = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(changes.size(), 3);
        const QJsonObject last = changes.at(2).toObject();
        QCOMPARE(last.value(u"by"_s).toString(), m_session->deviceName());
        QCOMPARE(last.value(u"field"_s).toString(), u"followUp"_s);
        QCOMPARE(last.value(u"to"_s).toString(), u"resolved"_s);
        QCOMPARE(changes.at(1).toObject().value(u"by"_s).toString(), u"Yusuf"_s);
    }

    void aBadOrderLinkIsRefusedWithNothingSaved()
    {
        for (const QString &bad :
             {u"https://orders.example/"_s, u"ftp://orders.example/{orderId}"_s,
              u"javascript:alert({orderId})"_s, u"orders.example/{orderId}"_s,
              u"https://{orderId}.orders.example/"_s, u"https://orders.ex{orderId}/x"_s}) {
            QPointer<app::SettingsDialog> dialog = openSettings();
            QVERIFY(dialog);
            auto *edit = test::findWidget<QLineEdit>(dialog, u"orderLinkEdit"_s);
            edit->setText(bad);
            test::findWidget<QPushButton>(dialog, u"saveButton"_s)->click();
            auto *error = test::findWidget<QLabel>(dialog, u"errorLabel"_s);
            QVERIFY2(error->isVisible() && error->text().contains(u"order link"_s),
                     qPrintable(bad + u" → "_s + error->text()));
            QVERIFY(dialog->isVisible());
            QVERIFY(m_session->profile().get(app::settings::kOrderLink).isEmpty());
            dialog->reject(); // deleted on close
            QTRY_VERIFY(!dialog);
        }
    }

    void theOrderNumberLinksToTheOrderSystem()
    {
        const RecordId id = submitHere(u"A/B 12&?#x"_s, 3);
        QTRY_VERIFY(desk().model().rowOf(id) >= 0);
        select(id);
        auto *link = find<QLabel>(u"orderLinkLabel"_s);
        QVERIFY2(!link->isVisible(), "no template: the order number is plain text");

        app::SettingsDialog *dialog = openSettings();
        QVERIFY(dialog);
        auto *edit = test::findWidget<QLineEdit>(dialog, u"orderLinkEdit"_s);
        edit->setText(u"https://orders.example/o/{orderId}?from=desk"_s);
        test::findWidget<QPushButton>(dialog, u"saveButton"_s)->click();
        QCOMPARE(m_session->profile().get(app::settings::kOrderLink),
                 u"https://orders.example/o/{orderId}?from=desk"_s);

        QTRY_VERIFY(link->isVisible() && link->width() > 0);
        QVERIFY2(link->text().contains(u"A/B 12&amp;?#x"_s), qPrintable(link->text()));
        // A person's click on the link (the label holds only the link).
        QTest::mouseClick(link, Qt::LeftButton, {}, QPoint(6, link->height() / 2));
        QTRY_COMPARE(m_dialogs.openedUrls.size(), 1);
        // Every character of the customer's text that means something in a URL is encoded: it
        // stays one path segment on the company's host.
        const QUrl opened = m_dialogs.openedUrls.first();
        QCOMPARE(opened.toString(QUrl::FullyEncoded),
                 u"https://orders.example/o/A%2FB%2012%26%3F%23x?from=desk"_s);
        QCOMPARE(opened.host(), u"orders.example"_s);
        QCOMPARE(opened.query(), u"from=desk"_s);
        QVERIFY(opened.fragment().isEmpty());

        // ".." stays as it is in a URL and would climb the template's path: no link.
        const RecordId dots = submitHere(u".."_s, 3);
        QTRY_VERIFY(desk().model().rowOf(dots) >= 0);
        select(dots);
        QTRY_VERIFY(!link->isVisible());
    }

    void myFollowUpsAsksTheNameOnceAndShowsWhatIsAssignedToIt()
    {
        const RecordId mine = submitHere(u"ORD-200030"_s, 2);
        const RecordId theirs = submitHere(u"ORD-200031"_s, 2);
        FeedbackEdit toAmira;
        toAmira.assignee = u"Amira"_s;
        QVERIFY(m_session->edit(mine, toAmira));
        FeedbackEdit toBen;
        toBen.assignee = u"Ben"_s;
        QVERIFY(m_session->edit(theirs, toBen));
        QTRY_VERIFY(desk().model().rowOf(theirs) >= 0);
        const int all = desk().filterModel().rowCount();

        m_dialogs.textAnswers = {u"amira "_s}; // as a person types it
        const qsizetype asked = m_dialogs.asked.size();
        auto *check = find<QCheckBox>(u"filterMineCheck"_s);
        check->click();
        QTRY_COMPARE(m_dialogs.asked.size(), asked + 1);
        QCOMPARE(m_dialogs.asked.last(), u"Your name"_s);
        QTRY_COMPARE(m_session->dispatcherName(), u"amira"_s);
        // The record assigned in the first test (on the other device) and this one.
        QTRY_COMPARE(desk().filterModel().rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(desk()
                         .filterModel()
                         .index(row, app::RecordTableModel::Assignee)
                         .data()
                         .toString()
                         .toLower(),
                     u"amira"_s);
        }
        check->click();
        QTRY_COMPARE(desk().filterModel().rowCount(), all);
        check->click(); // asked once per desk session
        QTRY_COMPARE(desk().filterModel().rowCount(), 2);
        QCOMPARE(m_dialogs.asked.size(), asked + 1);

        // Notes written at this desk now carry the dispatcher's name.
        select(mine);
        QTest::keyClicks(find<QLineEdit>(u"noteEdit"_s), u"called back"_s);
        find<QPushButton>(u"addNoteButton"_s)->click();
        QTRY_COMPARE(find<QListWidget>(u"notesList"_s)->count(), 1);
        QVERIFY2(find<QListWidget>(u"notesList"_s)->item(0)->text().startsWith(u"amira, "_s),
                 qPrintable(find<QListWidget>(u"notesList"_s)->item(0)->text()));
    }

    void aCancelledNameLeavesTheFilterOff()
    {
        auto *check = find<QCheckBox>(u"filterMineCheck"_s);
        if (check->isChecked())
            check->click();
        QVERIFY(m_session->setDispatcherName(QString()));
        m_dialogs.textAnswers = {std::nullopt};
        const int all = desk().filterModel().rowCount();
        const int answered = m_dialogs.answered;
        check->click();
        QTRY_COMPARE(m_dialogs.answered, answered + 1);
        QVERIFY(!check->isChecked());
        QCOMPARE(desk().filterModel().rowCount(), all);
        QVERIFY(m_session->dispatcherName().isEmpty());
    }
};

QTEST_MAIN(TestDeskTeam)
#include "tst_deskteam.moc"
