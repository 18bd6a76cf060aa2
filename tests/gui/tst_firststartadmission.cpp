// The first start's admission token against a real feedback-relay that serves only admitted
// workspaces: the field shows only for a new workspace that syncs, a token of the wrong shape is
// refused inline (nothing created), and with the operator's token the new workspace's first
// sync gets it admitted: the app comes up to date, the relay holds no token any more and the
// profile forgets it.
#include "GuiTestSupport.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>

#include <app/AppController.h>
#include <app/AppLanguage.h>
#include <app/AppSession.h>
#include <app/DialogService.h>
#include <app/FirstStartDialog.h>
#include <store/StoredValue.h>
#include <support/RelayProcess.h>
#include <sync/AdmissionTokenKey.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestFirstStartAdmission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { app::AppLanguage::apply(u"en"_s); }

    void aNewWorkspaceIsAdmittedWithTheOperatorsToken()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        test::RelayProcess relay(dir.filePath(u"relay"_s));
        relay.setOpen(false);
        QVERIFY2(relay.start(), relay.describe().constData());
        test::AdmitRun minted;
        const QByteArray token = relay.mintAdmissionToken(minted);
        QVERIFY2(!token.isEmpty(), minted.describe().constData());

        const QString profile = dir.filePath(u"desk"_s);
        test::ScriptedDialogs dialogs;
        app::AppController controller({profile, app::AppMode::Dispatcher, {}, {}}, dialogs);
        QSignalSpy ready(&controller, &app::AppController::ready);
        controller.start();
        app::FirstStartDialog *first = controller.firstStart();
        QVERIFY(first);
        QVERIFY(QTest::qWaitForWindowExposed(first));
        test::findWidget<QPushButton>(first, u"nextButton"_s)->click();
        auto *field = test::findWidget<QLineEdit>(first, u"admissionEdit"_s);
        QVERIFY(field->isVisible());
        first->findChild<QRadioButton *>(u"joinRadio"_s)->setChecked(true);
        QVERIFY(!field->isVisible()); // a joined workspace is admitted already
        first->findChild<QRadioButton *>(u"createRadio"_s)->setChecked(true);
        first->findChild<QCheckBox *>(u"syncCheck"_s)->setChecked(false);
        QVERIFY(!field->isVisible()); // no relay, nothing to admit
        first->findChild<QCheckBox *>(u"syncCheck"_s)->setChecked(true);
        QVERIFY(field->isVisible());

        QTest::keyClicks(test::findWidget<QLineEdit>(first, u"relayEdit"_s), relay.url());
        QTest::keyClicks(field, u"cfa1-typo"_s);
        test::findWidget<QPushButton>(first, u"nextButton"_s)->click();
        QVERIFY(test::findWidget<QLabel>(first, u"errorLabel"_s)->text().contains(u"cfa1-"_s));
        QCOMPARE(first->focusWidget(), field);
        field->clear();
        QTest::keyClicks(field, QString::fromLatin1(token));
        test::findWidget<QPushButton>(first, u"nextButton"_s)->click();
        test::startWithPassphrase(first, u"long enough pass"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(controller.session()->syncState(), sync::SyncState::UpToDate,
                                  test::kPatienceMs);
        QCOMPARE(relay.storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"0"_s);
        QCOMPARE(relay.storageValue(u"SELECT COUNT(*) FROM admitted"_s), u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            store::stored(controller.session()->store(), sync::kAdmissionToken).isEmpty(),
            test::kPatienceMs);
    }
};

QTEST_MAIN(TestFirstStartAdmission)
#include "tst_firststartadmission.moc"
