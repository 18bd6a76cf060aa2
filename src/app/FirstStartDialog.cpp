#include "FirstStartDialog.h"

#include "ui_FirstStartDialog.h"

#include <QPushButton>
#include <QRegularExpression>

#include <sync/SyncClient.h>

namespace feedback::app {

void fillModeCombo(QComboBox *combo, AppMode current)
{
    combo->clear();
    combo->addItem(QCoreApplication::translate("Modes", "Dispatcher desk"),
                   appModeName(AppMode::Dispatcher));
    combo->addItem(QCoreApplication::translate("Modes", "Feedback kiosk (full screen)"),
                   appModeName(AppMode::Kiosk));
    combo->addItem(QCoreApplication::translate("Modes", "Field laptop"),
                   appModeName(AppMode::Field));
    combo->setCurrentIndex(combo->findData(appModeName(current)));
}

bool isKioskPin(const QString &pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,12}$"));
    return digits.match(pin).hasMatch();
}

QString kioskPinRule()
{
    return QCoreApplication::translate(
        "Modes", "A kiosk needs a PIN of 4 to 12 digits, so that customers cannot leave it.");
}

FirstStartDialog::FirstStartDialog(AppMode suggested, const QString &relayUrl, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::FirstStartDialog>())
{
    m_ui->setupUi(this);
    fillModeCombo(m_ui->modeCombo, suggested);
    m_ui->relayEdit->setText(relayUrl);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("startButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &FirstStartDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &FirstStartDialog::reject);
    connect(m_ui->joinRadio, &QRadioButton::toggled, this, &FirstStartDialog::updateEnabled);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this,
            &FirstStartDialog::updateEnabled);
    showError(QString());
    updateEnabled();
    resize(qMax(width(), 640), sizeHint().height()); // as tall as its contents, no empty band
}

FirstStartDialog::~FirstStartDialog() = default;

void FirstStartDialog::updateEnabled()
{
    m_ui->inviteEdit->setEnabled(m_ui->joinRadio->isChecked());
    const bool kiosk = m_ui->modeCombo->currentData().toString() == appModeName(AppMode::Kiosk);
    m_ui->pinEdit->setEnabled(kiosk);
    m_ui->pinLabel->setEnabled(kiosk);
}

void FirstStartDialog::setBusy(bool busy)
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void FirstStartDialog::showError(const QString &text)
{
    setBusy(false);
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
}

std::optional<FirstStartChoices> FirstStartDialog::choices()
{
    FirstStartChoices c;
    c.mode = appModeFromName(m_ui->modeCombo->currentData().toString()).value_or(AppMode::Field);
    c.deviceName = m_ui->nameEdit->text().trimmed();
    c.relayUrl = m_ui->relayEdit->text().trimmed();
    c.syncEnabled = m_ui->syncCheck->isChecked();
    c.passphrase = m_ui->passphraseEdit->text();
    c.kioskPin = m_ui->pinEdit->text();
    auto fail = [this](QWidget *field, const QString &text) {
        showError(text);
        field->setFocus();
        return std::nullopt;
    };
    if (m_ui->joinRadio->isChecked()) {
        const auto invite = sync::InviteCode::decode(m_ui->inviteEdit->text().trimmed());
        if (!invite)
            return fail(m_ui->inviteEdit, invite.error());
        c.join = *invite;
        if (c.relayUrl.isEmpty())
            c.relayUrl = invite->relayUrl;
    }
    if (!c.relayUrl.isEmpty() && !sync::SyncClient::isRelayUrl(c.relayUrl))
        return fail(m_ui->relayEdit, tr("The relay address must start with wss:// (or ws:// on "
                                        "a trusted network)."));
    if (c.passphrase != m_ui->repeatEdit->text())
        return fail(m_ui->repeatEdit, tr("The two passphrases differ."));
    if (!c.passphrase.isEmpty() && c.passphrase.size() < 8)
        return fail(m_ui->passphraseEdit, tr("Use a passphrase of at least 8 characters."));
    if (c.mode == AppMode::Kiosk && !isKioskPin(c.kioskPin))
        return fail(m_ui->pinEdit, kioskPinRule());
    if (c.mode != AppMode::Kiosk)
        c.kioskPin.clear();
    showError(QString());
    return c;
}

void FirstStartDialog::accept()
{
    // The dialog stays open: the caller closes it once the profile exists, or shows why not.
    // One creation at a time: a second click must not start another one.
    if (const auto c = choices()) {
        setBusy(true);
        Q_EMIT chosen(*c);
    }
}

} // namespace feedback::app
