// The period the Analytics tab covers, shared by all its charts: the last 7, 30 or 90 days,
// all time, or a custom range of days. "Today" comes from an injectable clock so tests can pin
// it.
#pragma once
#include <QDate>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;

namespace feedback::app {

class DateFilterEdit;

class AnalyticsPeriod : public QWidget
{
    Q_OBJECT
public:
    enum Preset
    {
        Custom = -1,
        AllTime = 0,
        Last7 = 7,
        Last30 = 30,
        Last90 = 90
    };

    explicit AnalyticsPeriod(QWidget *parent = nullptr);
    void setToday(std::function<QDate()> today) { m_today = std::move(today); }
    QDate today() const { return m_today(); }

    Preset preset() const;
    void setPreset(Preset preset);
    void setCustomRange(const QDate &from, const QDate &to); // selects Custom
    // The first and last day covered (local dates, inclusive); null: open at that end.
    QDate from() const;
    QDate to() const;

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onPresetChosen();
    std::pair<QDate, QDate> customRange() const;

    std::function<QDate()> m_today = [] {
        return QDate::currentDate();
    };
    QLabel *m_label;
    QComboBox *m_combo;
    QLabel *m_toLabel;
    DateFilterEdit *m_from;
    DateFilterEdit *m_to;
};

} // namespace feedback::app
