// The app in German, Spanish and French, as a person switches to it while it runs: Qt's own
// words (OK, Cancel, Save) are translated too, the field view and the analytics' date axis
// follow the switch, and the three "status" words of the desk are three different words.
#include "GuiTestSupport.h"

#include <QChartView>
#include <QDialogButtonBox>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>

#include <app/AnalyticsPeriod.h>
#include <app/AnalyticsView.h>
#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/FieldView.h>
#include <app/MainWindow.h>
#include <app/RecordTableModel.h>
#include <app/StarRating.h>
#include <app/SyncStatusWidget.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

QString plain(QString text)
{
    return text.remove(QLatin1Char('&'));
}

QStringList sceneTexts(QChartView *view)
{
    QStringList texts;
    for (QGraphicsItem *item : view->scene()->items()) {
        if (auto *text = qgraphicsitem_cast<QGraphicsTextItem *>(item))
            texts.append(text->toPlainText());
    }
    return texts;
}

bool anyContains(const QStringList &texts, const QString &word)
{
    return std::any_of(texts.begin(), texts.end(),
                       [&word](const QString &t) { return t.contains(word); });
}

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { app::AppLanguage::apply(u"en"_s); }

    void qtsOwnWordsAreTranslatedAndFollowASwitch()
    {
        app::AppLanguage::apply(u"en"_s);
        QDialogButtonBox box(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
        QCOMPARE(plain(box.button(QDialogButtonBox::Cancel)->text()), u"Cancel"_s);
        const QList<std::tuple<QString, QString, QString>> expected{
            {u"de"_s, u"Abbrechen"_s, u"Speichern"_s},
            {u"es"_s, u"Cancelar"_s, u"Guardar"_s},
            {u"fr"_s, u"Annuler"_s, u"Enregistrer"_s}};
        for (const auto &[language, cancel, save] : expected) {
            app::AppLanguage::apply(language);
            // The box that was already there is retranslated by the switch.
            QTRY_COMPARE(plain(box.button(QDialogButtonBox::Cancel)->text()), cancel);
            QCOMPARE(plain(box.button(QDialogButtonBox::Save)->text()), save);
            QDialogButtonBox fresh(QDialogButtonBox::Cancel);
            QCOMPARE(plain(fresh.button(QDialogButtonBox::Cancel)->text()), cancel);
        }
        app::AppLanguage::apply(u"en"_s);
        QTRY_COMPARE(plain(box.button(QDialogButtonBox::Cancel)->text()), u"Cancel"_s);
    }

    void fieldViewFollowsALiveSwitch()
    {
        app::AppLanguage::apply(u"en"_s);
        QTemporaryDir dir;
        auto session = test::openSession(dir.path() + u"/field"_s);
        QVERIFY(session);
        test::ScriptedDialogs dialogs;
        app::MainWindow window(*session, dialogs, app::AppMode::Field);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClicks(window.findChild<QLineEdit *>(u"orderIdEdit"_s), u"ORD-1"_s);
        QTest::keyClicks(window.findChild<QLineEdit *>(u"courierIdEdit"_s), u"12"_s);
        QTest::keyClick(window.findChild<app::StarRating *>(u"ratingStars"_s), Qt::Key_5);
        QTest::mouseClick(window.findChild<QPushButton *>(u"submitButton"_s), Qt::LeftButton);
        auto *title = window.findChild<QLabel *>(u"myRecordsTitle"_s);
        auto *status = window.findChild<QLabel *>(u"statusLabel"_s);
        QCOMPARE(title->text(), u"Feedback entered on this device"_s);
        QCOMPARE(status->text(), u"Saved on this device. It will be sent when online."_s);

        app::AppLanguage::apply(u"de"_s);
        const QString heading = QCoreApplication::translate("feedback::app::FieldView",
                                                            "Feedback entered on this device");
        const QString saved = QCoreApplication::translate(
            "feedback::app::FieldView", "Saved on this device. It will be sent when online.");
        QVERIFY(heading != u"Feedback entered on this device"_s); // there is a German text
        QTRY_COMPARE(title->text(), heading);
        QTRY_COMPARE(status->text(), saved);
        QVERIFY(!saved.contains(u"device"_s));
    }

    void analyticsDateAxisFollowsALiveSwitch()
    {
        app::AppLanguage::apply(u"en"_s);
        QTemporaryDir dir;
        // Records in May: "May" in English, "Mai" in German.
        qint64 now = QDateTime(QDate(2026, 5, 4), QTime(9, 0)).toMSecsSinceEpoch();
        HybridLogicalClock clock([&now] { return now += 26 * 3600 * 1000; });
        auto session = test::openSession(dir.path() + u"/desk"_s, QString(), {}, clock);
        QVERIFY(session);
        for (int i = 0; i < 8; ++i)
            QVERIFY(session->submit(NewFeedback{u"ORD-%1"_s.arg(i), 3, 4, {}, {}, false, {}}));
        test::ScriptedDialogs dialogs;
        app::DispatcherView view(*session, dialogs);
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.analytics().period().setPreset(
            app::AnalyticsPeriod::AllTime); // May, not the last 30 days
        view.findChild<QTabWidget *>(u"tabs"_s)->setCurrentIndex(1);
        auto *volume = view.findChild<QChartView *>(u"volumeChart"_s);
        QVERIFY(volume);
        QTRY_VERIFY2(anyContains(sceneTexts(volume), u"May"_s),
                     qPrintable(sceneTexts(volume).join(u" | "_s)));

        app::AppLanguage::apply(u"de"_s);
        QTRY_VERIFY2(anyContains(sceneTexts(volume), u"Mai"_s),
                     qPrintable(sceneTexts(volume).join(u" | "_s)));
        QVERIFY(!anyContains(sceneTexts(volume), u"May"_s));
    }

    void statusWordsNameOneThingEach()
    {
        QTemporaryDir dir;
        auto session = test::openSession(dir.path() + u"/desk"_s);
        QVERIFY(session);
        QVERIFY(session->submit(NewFeedback{u"ORD-1"_s, 3, 2, {}, {}, false, {}}));
        test::ScriptedDialogs dialogs;
        app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString &language : {u"de"_s, u"es"_s, u"fr"_s}) {
            app::AppLanguage::apply(language);
            QTRY_COMPARE(window.findChild<QLabel *>(u"filterStatusLabel"_s)->text(),
                         QCoreApplication::translate("DispatcherView", "&Status"));
            // The follow-up's progress (filter and detail pane), a record's state (column),
            // and the connection's status (status bar).
            const QString followUp =
                plain(window.findChild<QLabel *>(u"filterStatusLabel"_s)->text());
            const QString detailFollowUp =
                plain(window.findChild<QLabel *>(u"followUpStatusLabel"_s)->text());
            const QString state = window.dispatcher()
                                      ->model()
                                      .headerData(app::RecordTableModel::State, Qt::Horizontal)
                                      .toString();
            const QString sync = window.syncStatus().accessibleName();
            const QString context =
                language + u": "_s + followUp + u" / "_s + state + u" / "_s + sync;
            QVERIFY2(followUp == detailFollowUp, qPrintable(context));
            QVERIFY2(followUp != state, qPrintable(context));
            QVERIFY2(!sync.startsWith(followUp) && !sync.startsWith(state), qPrintable(context));
        }
    }
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
