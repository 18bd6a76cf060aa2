// The desktop app's rows of the growth table (issue 12), at each of bench::growthSizes():
// app.dispatcher_ready_s, from start (key derivation included) to an interactive dispatcher
// table, and app.rss_mb, the dispatcher's resident memory once every tab was opened. Each size
// is measured in a process of its own (this program again, with --open), so that what the
// import and the smaller sizes left on the heap is not counted.
#include "AppBenchEnvironment.h"
#include "BenchReport.h"
#include "GrowthImport.h"
#include "ProcessStats.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTabWidget>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordTableModel.h>
#include <gui/GuiTestSupport.h>
#include <support/Workload.h>

using namespace feedback;

namespace {

void paint(QWidget &window)
{
    window.repaint();
    QCoreApplication::processEvents();
}

// The child: opens the profile as the app does and reports both figures.
int openAndMeasure(const QString &profile, int records)
{
    QElapsedTimer timer;
    timer.start();
    auto session = test::openSession(profile);
    if (!session)
        qFatal("bench_app_growth: the profile did not open");
    test::ScriptedDialogs dialogs;
    app::MainWindow window(*session, dialogs, app::AppMode::Dispatcher);
    window.show();
    auto *table = window.findChild<QTableView *>(QStringLiteral("recordTable"));
    if (!table)
        qFatal("bench_app_growth: the dispatcher has no table");
    table->viewport()->repaint();
    QCoreApplication::processEvents();
    const double ready = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (window.dispatcher()->model().rowCount() != records)
        qFatal("bench_app_growth: the table has %d rows", window.dispatcher()->model().rowCount());
    const QJsonObject extra{{QStringLiteral("records"), records}};
    bench::report(QStringLiteral("app.dispatcher_ready_s"), ready, QStringLiteral("s"), extra);

    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));
    if (!tabs)
        qFatal("bench_app_growth: the dispatcher has no tabs");
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        paint(window);
    }
    tabs->setCurrentIndex(0);
    paint(window);
    QJsonObject memory = extra;
    memory.insert(QStringLiteral("tabs"), tabs->count());
    memory.insert(QStringLiteral("peak_mb"),
                  bench::statusMb(QCoreApplication::applicationPid(), "VmHWM:"));
    bench::report(QStringLiteral("app.rss_mb"), bench::residentMb(), QStringLiteral("MB"), memory);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    bench::useAppBenchEnvironment();
    QApplication app(argc, argv);
    app::AppLanguage::apply(QStringLiteral("en"));
    if (argc == 4 && qstrcmp(argv[1], "--open") == 0)
        return openAndMeasure(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toInt());
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!bench::selected(QStringLiteral("app.dispatcher_ready_s"), prefix) &&
        !bench::selected(QStringLiteral("app.rss_mb"), prefix))
        return 0;

    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("desk"));
    testsupport::Workload workload;
    int total = 0;
    for (const int size : bench::growthSizes()) {
        {
            auto store = test::openProfile(profile);
            if (!store)
                qFatal("bench_app_growth: the profile did not open");
            bench::importUpTo(*store, workload, total, size);
        }
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--open"), profile, QString::number(size)});
        if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit ||
            child.exitCode() != 0)
            qFatal("bench_app_growth: the measuring process failed at %d records", size);
    }
    return 0;
}
