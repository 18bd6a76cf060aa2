// File → Export report… on a dispatcher desk, on a real profile: the PDF it writes renders
// (pdftoppm), its charts are on the first page, and its text (pdftotext) holds the period, the
// figures, the worst couriers with the comments customers allowed to publish (and none they did
// not), and the open follow-ups; a period that ends before it starts is refused.
#include "GuiTestSupport.h"

#include <QAction>
#include <QDateEdit>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QProcess>
#include <QStandardPaths>

#include <app/AppLanguage.h>
#include <app/DisplayDates.h>
#include <app/MainWindow.h>
#include <app/ReportDialog.h>
#include <app/ReportPdf.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    qint64 m_nowMs = 0; // what the profile's clock says
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;
    QDate m_from;
    QDate m_to;
    QString m_resolvedOrder;

    RecordId submit(int daysAgo, quint32 courier, int rating, const QString &comment = {},
                    bool publish = false)
    {
        m_nowMs = QDateTime::currentMSecsSinceEpoch() - qint64(daysAgo) * 86400000;
        NewFeedback input;
        input.orderId = u"ORD-%1"_s.arg(300000 + courier * 10 + rating + daysAgo * 100);
        input.courierId = courier;
        input.rating = rating;
        input.comment = comment;
        input.publishConsent = publish;
        const Result<RecordId> id = m_session->submit(input);
        if (!id)
            qWarning("%s", qPrintable(id.error()));
        return id ? *id : RecordId{};
    }
    static QString run(const QString &program, const QStringList &args)
    {
        QProcess process;
        process.start(program, args);
        if (!process.waitForFinished(feedback::test::kPatienceMs) || process.exitCode() != 0) {
            qWarning("%s failed: %s", qPrintable(program),
                     process.readAllStandardError().constData());
            return QString();
        }
        return QString::fromUtf8(process.readAllStandardOutput());
    }
    app::ReportDialog *openReport()
    {
        auto *action = m_window->findChild<QAction *>(u"exportReportAction"_s);
        if (!action || !action->isVisible() || !action->isEnabled())
            return nullptr;
        action->trigger(); // opens it at once (window-modal, not exec())
        return m_window->findChild<app::ReportDialog *>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
        HybridLogicalClock clock([this] { return m_nowMs; });
        m_nowMs = QDateTime::currentMSecsSinceEpoch();
        m_session = test::openSession(m_dir.path() + u"/desk"_s, QString(), {}, clock);
        QVERIFY(m_session);
        // Before the period: counts nowhere in it.
        submit(20, 9, 1, u"Outside the period"_s, true);
        // In it: courier 7 is the worst, courier 8 the best.
        const RecordId open = submit(5, 7, 1, u"Left the parcel in the rain"_s, true);
        submit(4, 7, 2, u"Call me on 0151 2345678, never publish this"_s, false);
        const RecordId resolved = submit(3, 7, 1);
        m_resolvedOrder = m_session->record(resolved)->orderId;
        submit(2, 8, 5, u"Lovely courier"_s, true);
        submit(1, 8, 5);
        FeedbackEdit followUp;
        followUp.followUp = FollowUpStatus::Open;
        followUp.assignee = u"Amira"_s;
        QVERIFY(m_session->edit(open, followUp));
        FeedbackEdit done;
        done.followUp = FollowUpStatus::Resolved;
        QVERIFY(m_session->edit(resolved, done));
        m_nowMs = QDateTime::currentMSecsSinceEpoch();
        m_from = QDate::currentDate().addDays(-6);
        m_to = QDate::currentDate();

        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
    }

    void aPeriodThatEndsBeforeItStartsIsRefused()
    {
        app::ReportDialog *dialog = openReport();
        QVERIFY(dialog);
        test::findWidget<QDateEdit>(dialog, u"reportFromDate"_s)->setDate(m_to);
        test::findWidget<QDateEdit>(dialog, u"reportToDate"_s)->setDate(m_from);
        test::findWidget<QPushButton>(dialog, u"reportExportButton"_s)->click();
        QVERIFY(test::findWidget<QLabel>(dialog, u"reportError"_s)->isVisible());
        QVERIFY(dialog->isVisible());
        QVERIFY(!m_dialogs.asked.contains(u"Export report"_s));
        dialog->reject();
    }

    void theReportHoldsThePeriodTheFiguresAndTheCharts()
    {
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
        QVERIFY2(!pdftotext.isEmpty() && !pdftoppm.isEmpty(),
                 "poppler-utils (./dev.sh installs it with the test packages)");
        const QString path = m_dir.filePath(u"report.pdf"_s);
        m_dialogs.saveFile = path;
        app::ReportDialog *dialog = openReport();
        QVERIFY(dialog);
        test::findWidget<QDateEdit>(dialog, u"reportFromDate"_s)->setDate(m_from);
        test::findWidget<QDateEdit>(dialog, u"reportToDate"_s)->setDate(m_to);
        test::findWidget<QPushButton>(dialog, u"reportExportButton"_s)->click();
        QTRY_VERIFY(QFile::exists(path));
        QVERIFY(m_dialogs.suggestedFile.endsWith(u"feedback-report-%1-%2.pdf"_s.arg(
            m_from.toString(Qt::ISODate), m_to.toString(Qt::ISODate))));

        const QString text = run(pdftotext, {u"-layout"_s, path, u"-"_s});
        QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
        const auto has = [&text](const QString &what) {
            if (!text.contains(what))
                qWarning("not in the report: %s\n%s", qPrintable(what), qPrintable(text));
            return text.contains(what);
        };
        const QString format = app::displayDateFormat();
        QVERIFY(has(u"Period: %1 – %2"_s.arg(QLocale().toString(m_from, format),
                                             QLocale().toString(m_to, format))));
        QVERIFY(has(u"5 ratings, average 2.80 of 5"_s));
        QVERIFY(has(u"Ratings by stars"_s));
        QVERIFY(has(u"Ratings per day"_s));
        QVERIFY(has(u"Courier 7: average 1.33 of 5 from 3 ratings"_s));
        QVERIFY(has(u"Left the parcel in the rain"_s));
        QVERIFY(has(u"Lovely courier"_s));
        QVERIFY2(!text.contains(u"0151"_s), "a comment without consent is in the report");
        QVERIFY2(!text.contains(u"Outside the period"_s), "a comment from before the period");
        QVERIFY(has(u"Open follow-ups"_s));
        QVERIFY(has(u"Amira"_s));
        // Courier 7's one-star with Amira and its two-star (open by itself); the resolved one not.
        QCOMPARE(text.count(u"· courier 7 ·"_s), 2);
        QVERIFY(!text.contains(m_resolvedOrder));

        // The pages render, and the first shows the bars of the charts.
        const QString prefix = m_dir.filePath(u"page"_s);
        run(pdftoppm, {u"-r"_s, u"40"_s, u"-png"_s, path, prefix});
        const QImage page(prefix + u"-1.png"_s);
        QVERIFY2(!page.isNull(), "pdftoppm rendered no first page");
        const QColor bar(app::ReportPdf::kBarColour);
        int barPixels = 0;
        for (int y = 0; y < page.height(); ++y) {
            for (int x = 0; x < page.width(); ++x) {
                const QColor c = page.pixelColor(x, y);
                barPixels += qAbs(c.red() - bar.red()) < 16 && qAbs(c.green() - bar.green()) < 16 &&
                             qAbs(c.blue() - bar.blue()) < 16;
            }
        }
        QVERIFY2(barPixels > 100, qPrintable(u"%1 pixels of bars"_s.arg(barPixels)));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
