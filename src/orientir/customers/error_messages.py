"""The errors of the customer analytics in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it.

These texts reach people through ``orientir customers``, reports and dashboards. Column
names (``frequency``, ``recency``, ``T``, ``monetary_value``), option names and model names
(BG/NBD, Pareto/NBD, Gamma-Gamma) stay as they are in both languages: they are what a
person types or sees in the files.
"""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    # The transaction log and its options.
    "err.customers.log_wrong_type": (
        "a transaction log must be an Ibis table, an Arrow table or a pandas frame, not {type}",
        "журнал транзакций должен быть таблицей Ibis, таблицей Arrow или датафреймом pandas, "
        "а не {type}",
    ),
    "err.customers.log_lacks_columns": (
        "the transaction log lacks the column(s) {missing}; it has {columns}",
        "в журнале транзакций нет столбцов {missing}; в нём есть столбцы {columns}",
    ),
    "err.customers.table_lacks_columns": (
        "the table has no column(s) {missing}",
        "в таблице нет столбцов {missing}",
    ),
    "err.customers.time_unit": (
        "time unit must be one of {units}, got {unit!r}",
        "единица времени должна быть одной из следующих: {units}; указано {unit!r}",
    ),
    "err.customers.not_iso_date": (
        "not an ISO date (yyyy-mm-dd): {value!r}",
        "это не дата в формате ISO (гггг-мм-дд): {value!r}",
    ),
    "err.customers.time_scaler_positive_got": (
        "time_scaler must be positive, got {time_scaler}",
        "time_scaler должен быть положительным, указано {time_scaler}",
    ),
    "err.customers.language": (
        "language must be one of {languages}, got {lang!r}",
        "язык должен быть одним из следующих: {languages}; указано {lang!r}",
    ),
    "err.customers.no_rfm_segment": (
        "no RFM segment {code!r}",
        "нет RFM-сегмента {code!r}",
    ),
    "err.customers.unknown_analysis": (
        "unknown analysis {analysis!r}; choose one of {analyses}",
        "неизвестный анализ {analysis!r}; выберите один из следующих: {analyses}",
    ),
    # ABC and XYZ.
    "err.customers.abc_shares_positive": (
        "ABC shares must be positive, got {a}/{b}/{c}",
        "доли ABC должны быть положительными, указано {a}/{b}/{c}",
    ),
    "err.customers.abc_shares_sum": (
        "ABC shares must add up to 100 %, got {a}+{b}+{c}",
        "доли ABC должны в сумме составлять 100 %, указано {a}+{b}+{c}",
    ),
    "err.customers.xyz_bounds": (
        "XYZ bounds must satisfy 0 < x < y, got {x} and {y}",
        "границы XYZ должны удовлетворять условию 0 < x < y, указано {x} и {y}",
    ),
    "err.customers.xyz_min_months": (
        "min_months must be at least 1, got {min_months}",
        "min_months должно быть не меньше 1, указано {min_months}",
    ),
    # Customer value.
    "err.customers.value_model": (
        "model must be bgnbd or pareto, got {model!r}",
        "модель должна быть bgnbd или pareto, указано {model!r}",
    ),
    "err.customers.value_horizon": (
        "the horizon must be at least one month",
        "горизонт должен быть не меньше одного месяца",
    ),
    "err.customers.value_needs_monetary": (
        "customer value needs the monetary_value column of the summary",
        "для расчёта ценности клиентов нужен столбец monetary_value в сводной таблице",
    ),
    # The per-customer summary the models are fitted to.
    "err.customers.summary_lacks_column": (
        "the summary lacks the column {name!r}",
        "в сводной таблице нет столбца {name!r}",
    ),
    "err.customers.summary_column_not_numeric": (
        "the summary column {name!r} is not numeric",
        "столбец {name!r} сводной таблицы не числовой",
    ),
    "err.customers.summary_column_not_1d": (
        "the summary column {name!r} must be one-dimensional",
        "столбец {name!r} сводной таблицы должен быть одномерным",
    ),
    "err.customers.summary_lengths_differ": (
        "the summary columns have different lengths",
        "столбцы сводной таблицы имеют разную длину",
    ),
    "err.customers.summary_bad_values": (
        "{n} customers have a missing, infinite or negative {name}",
        "клиентов с пропущенным, бесконечным или отрицательным значением {name}: {n}",
    ),
    "err.customers.frequency_not_whole": (
        "frequency must be a whole number of repeat purchases",
        "frequency должно быть целым числом повторных покупок",
    ),
    "err.customers.recency_exceeds_t": (
        "recency exceeds T for some customers (last purchase after the end)",
        "у некоторых клиентов recency больше T (последняя покупка позже конца периода)",
    ),
    "err.customers.recency_without_repeats": (
        "customers without repeat purchases must have recency 0",
        "у клиентов без повторных покупок recency должно быть равно 0",
    ),
    "err.customers.monetary_not_finite": (
        "monetary_value has missing or infinite values",
        "в monetary_value есть пропущенные или бесконечные значения",
    ),
    "err.customers.unknown_time_unit": (
        "unknown time unit {unit!r}",
        "неизвестная единица времени {unit!r}",
    ),
    "err.customers.time_scaler_positive": (
        "time_scaler must be positive",
        "time_scaler должен быть положительным",
    ),
    "err.customers.summary_lacks_columns": (
        "the summary lacks frequency, recency or T",
        "в сводной таблице нет frequency, recency или T",
    ),
    # Fitting, saving and using a lifetime-value model.
    "err.customers.penalty": (
        "penalty must be a non-negative number, got {penalty}",
        "penalty должен быть неотрицательным числом, указано {penalty}",
    ),
    "err.customers.too_few_customers": (
        "{model} needs at least {minimum} customers, got {n}",
        "для модели {model} нужно не меньше {minimum} клиентов, а их {n}",
    ),
    "err.customers.no_repeat_purchase": (
        "{model} cannot be fitted: no customer made a repeat purchase",
        "модель {model} нельзя оценить: ни один клиент не сделал повторной покупки",
    ),
    "err.customers.every_t_zero": (
        "{model} cannot be fitted: every customer has T = 0",
        "модель {model} нельзя оценить: у всех клиентов T = 0",
    ),
    "err.customers.not_identified": (
        "{kind}: the data cannot identify {names} (it runs off to 0 or infinity); "
        "more customers, a longer history, or a penalty may help",
        "{kind}: по этим данным нельзя определить {names} (оценка уходит в 0 или в "
        "бесконечность); помочь могут больше клиентов, более долгая история или penalty",
    ),
    "err.customers.not_converged": (
        "{kind}: the fit did not converge ({message})",
        "{kind}: оценивание модели не сошлось ({message})",
    ),
    "err.customers.flat_likelihood": (
        "{kind}: the likelihood is flat in some direction at the optimum, so the "
        "parameters are not identified by these data",
        "{kind}: в точке оптимума функция правдоподобия плоская по одному из направлений, "
        "поэтому эти данные не определяют параметры",
    ),
    "err.customers.not_fitted": (
        "the {kind} model is not fitted yet: call fit() or load()",
        "модель {kind} ещё не оценена: вызовите fit() или load()",
    ),
    "err.customers.no_data": (
        "no data: pass a summary (a loaded model keeps none)",
        "нет данных: передайте сводную таблицу (загруженная модель данных не хранит)",
    ),
    "err.customers.not_saved_kind": (
        "not a saved {kind} model",
        "это не сохранённая модель {kind}",
    ),
    "err.customers.model_version": (
        "unsupported model file version {version!r}",
        "неподдерживаемая версия файла модели: {version!r}",
    ),
    "err.customers.model_lacks_params": (
        "the saved model lacks some parameters",
        "в сохранённой модели не хватает параметров",
    ),
    "err.customers.model_invalid_params": (
        "the saved model has invalid parameters",
        "в сохранённой модели недопустимые значения параметров",
    ),
    "err.customers.model_unreadable": (
        "cannot read a model from {path}: {reason}",
        "не удалось прочитать модель из {path}: {reason}",
    ),
    "err.customers.no_saved_model": (
        "{path} does not hold a saved model",
        "в {path} нет сохранённой модели",
    ),
    "err.customers.no_saved_orientir_model": (
        "{path} does not hold a saved orientir model",
        "в {path} нет сохранённой модели orientir",
    ),
    "err.customers.clv_horizon": (
        "the CLV horizon must be at least one month",
        "горизонт CLV должен быть не меньше одного месяца",
    ),
    "err.customers.discount_rate": (
        "the discount rate must be above −100 %",
        "ставка дисконтирования должна быть больше −100 %",
    ),
    # Gamma-Gamma.
    "err.customers.gg_needs_monetary": (
        "Gamma-Gamma needs the monetary_value column of the summary",
        "для модели Gamma-Gamma нужен столбец monetary_value в сводной таблице",
    ),
    "err.customers.gg_nonpositive_spend": (
        "{n} repeat customers have a mean spend of zero or less; "
        "Gamma-Gamma models positive spend only, leave them out",
        "повторных клиентов со средней суммой покупки ноль или меньше: {n}; "
        "модель Gamma-Gamma описывает только положительные суммы, исключите их",
    ),
    "err.customers.gg_too_few": (
        "Gamma-Gamma needs at least {minimum} customers with repeat purchases, got {n}",
        "для модели Gamma-Gamma нужно не меньше {minimum} клиентов с повторными покупками, "
        "а их {n}",
    ),
    "err.customers.gg_constant_spend": (
        "Gamma-Gamma cannot be fitted: every mean spend is the same",
        "модель Gamma-Gamma нельзя оценить: у всех клиентов одинаковая средняя сумма покупки",
    ),
    "err.customers.gg_infinite_mean": (
        "Gamma-Gamma: q = {q:.3g} ≤ 1, so the mean spend per purchase is infinite",
        "Gamma-Gamma: q = {q:.3g} ≤ 1, поэтому средняя сумма покупки бесконечна",
    ),
    "err.customers.expected_spend_needs_monetary": (
        "expected spend needs the monetary_value column of the summary",
        "для ожидаемой суммы покупки нужен столбец monetary_value в сводной таблице",
    ),
}

register_pairs(ERRORS)
