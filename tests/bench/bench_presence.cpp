// app.presence_p50_ms: a dispatcher opens a record on one desk; how long until the other desk's
// table marks it. Two app instances (offscreen main windows) in this process, on one relay
// process on loopback: the note is sealed, sent, forwarded by the relay, opened, and the other
// table's row repainted. Records alternate so that every opening is news; openings are spaced
// past the relay's presence rate (a burst of 8, then 4 a second).
#include "AppBenchEnvironment.h"
#include "BenchReport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordTableModel.h>
#include <gui/GuiTestSupport.h>
#include <support/RelayProcess.h>

using namespace feedback;

namespace {

struct Desk
{
    std::unique_ptr<app::AppSession> session;
    test::ScriptedDialogs dialogs;
    std::unique_ptr<app::MainWindow> window;
};

void openDesk(Desk &desk, const QString &dir, const QString &url, const QByteArray &secret,
              const QString &name)
{
    desk.session = test::openSession(dir, url, secret, HybridLogicalClock(), name);
    if (!desk.session || !desk.session->setDispatcherName(name))
        qFatal("cannot open the desk");
    desk.window =
        std::make_unique<app::MainWindow>(*desk.session, desk.dialogs, app::AppMode::Dispatcher);
    desk.window->show();
    desk.session->startSync();
}

bool waitFor(const std::function<bool()> &done, int timeoutMs = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

} // namespace

int main(int argc, char **argv)
{
    bench::useAppBenchEnvironment();
    qputenv("FEEDBACK_P2P", "off");
    qputenv("FEEDBACK_RELAY", FEEDBACK_RELAY_BIN);
    QApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!bench::selected(QStringLiteral("app.presence_p50_ms"), prefix))
        return 0;
    app::AppLanguage::apply(QStringLiteral("en"));
    QTemporaryDir dir;
    test::RelayProcess relay(dir.filePath(QStringLiteral("relay")));
    if (!relay.start())
        qFatal("the relay did not start: %s", relay.describe().constData());
    const QByteArray secret = sync::WorkspaceKeys::newSecret();
    Desk amira, yusuf;
    openDesk(amira, dir.filePath(QStringLiteral("amira")), relay.url(), secret,
             QStringLiteral("Amira"));
    openDesk(yusuf, dir.filePath(QStringLiteral("yusuf")), relay.url(), secret,
             QStringLiteral("Yusuf"));
    QList<RecordId> records;
    for (int i = 0; i < 2; ++i) {
        NewFeedback input;
        input.orderId = QStringLiteral("ORD-90000%1").arg(i);
        input.courierId = 3;
        input.rating = 2;
        records.append(*amira.session->submit(input));
    }
    app::RecordTableModel &table = yusuf.window->dispatcher()->model();
    if (!waitFor([&] {
            return yusuf.session->syncState() == sync::SyncState::UpToDate &&
                   amira.session->syncState() == sync::SyncState::UpToDate &&
                   table.rowOf(records.at(0)) >= 0 && table.rowOf(records.at(1)) >= 0;
        }))
        qFatal("the desks did not sync");
    const auto marked = [&table](const RecordId &id) {
        const QModelIndex order = table.index(table.rowOf(id), app::RecordTableModel::Order);
        return !table.data(order, Qt::DecorationRole).isNull();
    };
    app::RecordDetailPane &pane = amira.window->dispatcher()->detail();
    auto *yusufTable = yusuf.window->findChild<QTableView *>(QStringLiteral("recordTable"));
    constexpr int kOpenings = 40;
    QList<double> ms;
    for (int i = 0; i < kOpenings; ++i) {
        const RecordId &id = records.at(i % 2);
        // Past the relay's rate for presence: 300 ms between openings.
        QEventLoop pause;
        QTimer::singleShot(300, &pause, &QEventLoop::quit);
        pause.exec();
        QElapsedTimer t;
        t.start();
        pane.showRecord(id);
        if (!waitFor([&] { return marked(id); }, 10000))
            qFatal("the other desk never marked the record");
        yusufTable->viewport()->repaint();
        ms.append(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    bench::report(QStringLiteral("app.presence_p50_ms"), ms.at(ms.size() / 2), QStringLiteral("ms"),
                  {{QStringLiteral("p95_ms"), ms.at(ms.size() * 95 / 100)},
                   {QStringLiteral("openings"), kOpenings},
                   {QStringLiteral("goal_ms"), 50},
                   {QStringLiteral("statistic"),
                    QStringLiteral("median: open a record on one desk, until the other desk's "
                                   "table marks it and repaints, through a relay on loopback")}});
    return 0;
}
