#include "AnalyticsPeriod.h"

#include "DateFilterEdit.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace feedback::app {

AnalyticsPeriod::AnalyticsPeriod(QWidget *parent)
    : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("periodCombo"));
    m_label->setBuddy(m_combo);
    for (const Preset preset : {Last7, Last30, Last90, AllTime, Custom})
        m_combo->addItem(QString(), static_cast<int>(preset));
    m_from = new DateFilterEdit(this);
    m_from->setObjectName(QStringLiteral("periodFrom"));
    m_toLabel = new QLabel(this);
    m_to = new DateFilterEdit(this);
    m_to->setObjectName(QStringLiteral("periodTo"));
    row->addWidget(m_label);
    row->addWidget(m_combo);
    row->addWidget(m_from);
    row->addWidget(m_toLabel);
    row->addWidget(m_to);
    retranslate();
    m_combo->setCurrentIndex(m_combo->findData(static_cast<int>(Last30)));
    for (QWidget *w : {static_cast<QWidget *>(m_from), static_cast<QWidget *>(m_toLabel),
                       static_cast<QWidget *>(m_to)})
        w->setVisible(false);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &AnalyticsPeriod::onPresetChosen);
    connect(m_from, &QDateEdit::dateChanged, this, &AnalyticsPeriod::changed);
    connect(m_to, &QDateEdit::dateChanged, this, &AnalyticsPeriod::changed);
}

void AnalyticsPeriod::retranslate()
{
    m_label->setText(tr("&Period"));
    m_toLabel->setText(tr("to"));
    m_combo->setAccessibleName(tr("Period of the charts"));
    m_from->setAccessibleName(tr("First day"));
    m_to->setAccessibleName(tr("Last day"));
    m_from->retranslate();
    m_to->retranslate();
    for (int i = 0; i < m_combo->count(); ++i) {
        const int days = m_combo->itemData(i).toInt();
        m_combo->setItemText(i, days > 0    ? tr("Last %n day(s)", nullptr, days)
                                : days == 0 ? tr("All time")
                                            : tr("Custom range"));
    }
}

void AnalyticsPeriod::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

AnalyticsPeriod::Preset AnalyticsPeriod::preset() const
{
    return static_cast<Preset>(m_combo->currentData().toInt());
}

void AnalyticsPeriod::setPreset(Preset preset)
{
    m_combo->setCurrentIndex(m_combo->findData(static_cast<int>(preset)));
}

void AnalyticsPeriod::setCustomRange(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker a(m_from), b(m_to), c(m_combo);
        m_from->setFilterDate(from);
        m_to->setFilterDate(to);
        m_combo->setCurrentIndex(m_combo->findData(static_cast<int>(Custom)));
    }
    onPresetChosen();
}

void AnalyticsPeriod::onPresetChosen()
{
    const bool custom = preset() == Custom;
    if (custom && !m_from->filterDate().isValid() && !m_to->filterDate().isValid()) {
        // Start from the last 30 days rather than from nothing.
        const QSignalBlocker a(m_from), b(m_to);
        m_from->setFilterDate(today().addDays(-29));
        m_to->setFilterDate(today());
    }
    for (QWidget *w : {static_cast<QWidget *>(m_from), static_cast<QWidget *>(m_toLabel),
                       static_cast<QWidget *>(m_to)})
        w->setVisible(custom);
    Q_EMIT changed();
}

std::pair<QDate, QDate> AnalyticsPeriod::customRange() const
{
    const QDate a = m_from->filterDate();
    const QDate b = m_to->filterDate();
    if (a.isValid() && b.isValid() && b < a)
        return {b, a}; // typed the wrong way round: still a period
    return {a, b};
}

QDate AnalyticsPeriod::from() const
{
    switch (preset()) {
    case Custom:
        return customRange().first;
    case AllTime:
        return {};
    default:
        return today().addDays(1 - static_cast<int>(preset()));
    }
}

QDate AnalyticsPeriod::to() const
{
    switch (preset()) {
    case Custom:
        return customRange().second;
    case AllTime:
        return {};
    default:
        return today();
    }
}

} // namespace feedback::app
