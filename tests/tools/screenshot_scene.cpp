// Shows the real app window on a seeded data set, for packaging/screenshots/take.sh: it runs
// under Xvfb and the script captures the screen with ImageMagick's `import`.
// Usage: screenshot_scene kiosk|kiosk-errors|kiosk-staff|dispatcher|history|analytics|field WIDTH
// HEIGHT
//        [LANGUAGE]
// The kiosk scenes show the on-screen keypad; kiosk-errors after a tap on Send with a wrong
// order number and nothing else filled in; kiosk-staff after the staff left the kiosk.
// `screenshot_scene report FILE.pdf` writes the desk's weekly report instead (take.sh renders its
// first page with pdftoppm).
#include <QApplication>
#include <QDateTime>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <app/AppLanguage.h>
#include <app/AppStyle.h>
#include <app/DispatcherView.h>
#include <app/KioskView.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/ReportPdf.h>
#include <app/WeeklyReport.h>
#include <core/BookCodec.h>
#include <cstdio>
#include <cstdlib>
#include <gui/GuiTestSupport.h>
#include <support/Workload.h>

using namespace feedback;

namespace {

// The scene is only worth a screenshot if every step of it happened: stop at the first failure.
template <class T> void must(const Result<T> &result, const char *what)
{
    if (!result) {
        std::fprintf(stderr, "screenshot_scene: %s failed: %s\n", what, qPrintable(result.error()));
        std::exit(1);
    }
}

void seed(app::AppSession &session, quint64 &clockMs)
{
    testsupport::Workload workload(20261126);
    QList<RecordId> ids;
    for (int i = 0; i < 400; ++i) {
        NewFeedback input = workload.next();
        input.courierId = 1 + input.courierId % 60;
        ids.append(*session.submit(input));
    }
    const QStringList people{QStringLiteral("Amira"), QStringLiteral("Jonas"),
                             QStringLiteral("Lucía")};
    for (int i = 0; i < 400; i += 9) {
        FeedbackEdit edit;
        edit.followUp = i % 2 ? FollowUpStatus::InProgress : FollowUpStatus::Resolved;
        edit.assignee = people[i % 3];
        edit.noteAuthor = people[i % 3];
        edit.noteText = QStringLiteral("Called the customer; courier briefed.");
        must(session.edit(ids[i], edit), "edit");
    }
    // The newest record edited on two devices at once: a conflict to resolve.
    const RecordId last = ids.last();
    FeedbackBook laptop(testsupport::Workload(5).replicaId());
    const auto outbox = session.store().pendingOutbox();
    for (const auto &entry : *outbox) {
        if (entry.record == last)
            laptop.apply(*BookCodec::decodeDelta(entry.delta));
    }
    FeedbackEdit mine;
    mine.rating = 1;
    must(session.edit(last, mine), "edit");
    FeedbackEdit theirs;
    theirs.rating = 3;
    clockMs += 1000;
    must(session.store().applyRemote({*laptop.edit(last, theirs)}), "applyRemote");
    session.publishChanges();
}

} // namespace

// The selected record worked on by two dispatchers, one of them still on it, then its detail
// pane scrolled to its History box.
void showHistory(app::AppSession &session, app::DispatcherView &desk, QWidget &window)
{
    const auto id = desk.detail().record();
    if (!id)
        return;
    auto change = [&](const QString &who, auto &&set) {
        FeedbackEdit e;
        e.by = who;
        set(e);
        must(session.edit(*id, e), "edit");
    };
    change(QStringLiteral("Amira"), [](FeedbackEdit &e) {
        e.followUp = FollowUpStatus::InProgress;
        e.assignee = QStringLiteral("Amira");
    });
    change(QStringLiteral("Amira"), [](FeedbackEdit &e) {
        e.noteAuthor = QStringLiteral("Amira");
        e.noteText = QStringLiteral("Called the customer, parcel found at the neighbour's");
    });
    change(QStringLiteral("Ben"), [](FeedbackEdit &e) {
        e.reasons = QStringList{QStringLiteral("late"), QStringLiteral("damaged")};
    });
    change(QStringLiteral("Ben"), [](FeedbackEdit &e) { e.followUp = FollowUpStatus::Resolved; });
    // Ben, at another desk, has the record open, and Chiara the one below it (presence).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    session.presence().receive(QByteArray(16, 'b'),
                               sync::PresenceNote{QStringLiteral("Ben"), *id, false, now});
    const auto &model = desk.model();
    if (model.rowCount() > 1)
        session.presence().receive(
            QByteArray(16, 'c'),
            sync::PresenceNote{QStringLiteral("Chiara"), model.rowAt(1).id, false, now});
    auto *scroll = window.findChild<QScrollArea *>(QStringLiteral("detailScroll"));
    auto *box = window.findChild<QWidget *>(QStringLiteral("historyBox"));
    if (scroll && box)
        QTimer::singleShot(300, scroll, [scroll, box] { scroll->ensureWidgetVisible(box, 0, 0); });
}

int main(int argc, char **argv)
{
    qputenv("FEEDBACK_KDF", "interactive");
    qputenv("FEEDBACK_KEYCHAIN", "off");
    qputenv("FEEDBACK_SYNC", "off");
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Courier Feedback"));
    app::applyAppStyle(app);
    app::AppLanguage::apply(argc > 4 ? QString::fromLatin1(argv[4]) : QStringLiteral("en"));
    const QString scene = argc > 1 ? QString::fromLatin1(argv[1]) : QStringLiteral("dispatcher");
    const int width = argc > 2 ? QString::fromLatin1(argv[2]).toInt() : 1280;
    const int height = argc > 3 ? QString::fromLatin1(argv[3]).toInt() : 800;

    QTemporaryDir dir;
    quint64 clockMs = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()) - 21ull * 86400000;
    HybridLogicalClock clock([&clockMs] { return static_cast<qint64>(clockMs += 4100000); });
    auto session = test::openSession(dir.filePath(QStringLiteral("desk")), QString(), {}, clock);
    if (!session)
        return 1;
    must(session->profile().setSetting(QStringLiteral("profile/name"),
                                       QStringLiteral("Depot North")),
         "setSetting");
    seed(*session, clockMs);
    // The desk links order numbers to the company's order system.
    must(session->profile().setSetting(QStringLiteral("desk/orderLink"),
                                       QStringLiteral("https://orders.example/{orderId}")),
         "setSetting");

    if (scene == QLatin1String("report")) {
        // The weekly report of the seeded desk, the last seven days, as a PDF at argv[2].
        const QDate today = QDate::currentDate();
        const auto written = app::ReportPdf::write(
            app::WeeklyReport::collect(*session, today.addDays(-6), today),
            argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("report.pdf"));
        if (!written)
            std::fprintf(stderr, "%s\n", qPrintable(written.error()));
        return written ? 0 : 1;
    }

    test::ScriptedDialogs dialogs;
    const bool kiosk = scene.startsWith(QLatin1String("kiosk"));
    if (kiosk)
        must(session->profile().setSetting(QStringLiteral("kiosk/keypad"), QStringLiteral("on")),
             "setSetting");
    const app::AppMode mode = kiosk                             ? app::AppMode::Kiosk
                              : scene == QLatin1String("field") ? app::AppMode::Field
                                                                : app::AppMode::Dispatcher;
    app::MainWindow window(*session, dialogs, mode);
    window.setGeometry(0, 0, width, height);
    session->startSync(); // off: the status bar says so
    if (mode == app::AppMode::Kiosk) {
        window.showFullScreen();
        if (scene == QLatin1String("kiosk-errors")) {
            window.findChild<QLineEdit *>(QStringLiteral("orderIdEdit"))
                ->setText(QStringLiteral("ORD 12!"));
            window.findChild<QPushButton *>(QStringLiteral("submitButton"))->click();
        }
        if (scene == QLatin1String("kiosk-staff"))
            window.kiosk()->requestLeave(); // no PIN in this profile: straight to staff mode
    } else {
        window.show(); // no window manager under Xvfb: the geometry above is the screen
    }
    if (auto *desk = window.dispatcher()) {
        auto *table = window.findChild<QTableView *>(QStringLiteral("recordTable"));
        table->selectRow(0);
        if (scene == QLatin1String("analytics"))
            window.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentIndex(1);
        if (scene == QLatin1String("history"))
            showHistory(*session, *desk, window);
    }
    QTimer::singleShot(1500, [] {
        std::puts("ready");
        std::fflush(stdout);
    });
    QTimer::singleShot(20000, &app, &QApplication::quit);
    return QApplication::exec();
}
