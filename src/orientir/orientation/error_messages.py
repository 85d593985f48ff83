"""The errors of the orientation models in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it."""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    "err.orientation.answers_must_lie_between": (
        "{where}: answers to {item_id!r} must lie between {low} and {high}",
        "{where}: ответы на {item_id!r} должны быть от {low} до {high}",
    ),
    "err.orientation.answers_must_numbers": (
        "{where}: answers to {columns} must be numbers",
        "{where}: ответы на {columns} должны быть числами",
    ),
    "err.orientation.budget_per_year_must": (
        "{org}: budget_per_year must be zero or more",
        "{org}: budget_per_year должно быть не меньше нуля",
    ),
    "err.orientation.comparison_needs_least_two": (
        "a comparison needs at least two index models",
        "для сравнения нужны хотя бы две модели индекса",
    ),
    "err.orientation.confidence_level_must_between": (
        "the confidence level must be between 0 and 1, such as 0.95",
        "уровень доверия должен быть между 0 и 1, например 0.95",
    ),
    "err.orientation.coverage_scales_use_different": (
        "{ref}: the coverage scales use different ranges",
        "{ref}: шкалы охвата используют разные диапазоны",
    ),
    "err.orientation.every_index_value_trajectory": (
        "every index value on the trajectory must be a number",
        "каждое значение индекса на траектории должно быть числом",
    ),
    "err.orientation.every_wave_must_belong": (
        "every wave must belong to {org!r}",
        "каждая волна должна относиться к {org!r}",
    ),
    "err.orientation.facts_need_short_name": (
        "facts need the short name of their organisation",
        "для фактов нужно краткое имя их организации",
    ),
    "err.orientation.founded_must_year_up": (
        "{org}: founded must be a year up to {year}",
        "{org}: founded должно быть годом не позже {year}",
    ),
    "err.orientation.horizon_years_must_above": (
        "horizon_years must be above 0 and at most 50",
        "horizon_years должно быть больше 0 и не больше 50",
    ),
    "err.orientation.index_models_repeat": (
        "index models repeat: {ids}",
        "модели индекса повторяются: {ids}",
    ),
    "err.orientation.item_not_rating_item": (
        "{where}: item {item_id!r} is not a rating item",
        "{where}: вопрос {item_id!r} — не оценочный",
    ),
    "err.orientation.margin_cannot_negative": (
        "the margin cannot be negative",
        "допуск не может быть отрицательным",
    ),
    "err.orientation.min_orgs_must_least": (
        "min_orgs must be at least 4 (Fisher's interval needs n − 3 > 0)",
        "min_orgs должно быть не меньше 4 (интервалу Фишера нужно n − 3 > 0)",
    ),
    "err.orientation.model_no_component": (
        "model {id!r} has no component {component_id!r}",
        "в модели {id!r} нет компонента {component_id!r}",
    ),
    "err.orientation.model_no_data": (
        "model {id!r}: no data for {missing} ({needs})",
        "модель {id!r}: нет данных для {missing} ({needs})",
    ),
    "err.orientation.must_least": (
        "{org}: {name} must be at least 1",
        "{org}: {name} должно быть не меньше 1",
    ),
    "err.orientation.must_none_department_stakeholder": (
        "by must be None, 'department' or 'stakeholder', not {by!r}",
        "by должно быть None, 'department' или 'stakeholder', а не {by!r}",
    ),
    "err.orientation.n_boot_must_whole": (
        "n_boot must be a whole number of zero or more",
        "n_boot должно быть целым числом, не меньше нуля",
    ),
    "err.orientation.no_built_index_model": (
        "no built-in index model {model_id!r}; known: {known}",
        "нет встроенной модели индекса {model_id!r}; известные: {known}",
    ),
    "err.orientation.no_item": (
        "{where}: {ref} has no item {item_id!r}",
        "{where}: в {ref} нет вопроса {item_id!r}",
    ),
    "err.orientation.no_scale_scales": (
        "{ref} has no scale {scale_id!r} (its scales: {known})",
        "в {ref} нет шкалы {scale_id!r} (его шкалы: {known})",
    ),
    "err.orientation.no_waves_given": ("no waves given", "не указано ни одной волны"),
    "err.orientation.nps_answers_must_whole": (
        "{where}: NPS answers must be whole numbers from 0 to 10",
        "{where}: ответы NPS должны быть целыми числами от 0 до 10",
    ),
    "err.orientation.organisation_appears_twice_portfolio": (
        "an organisation appears twice in the portfolio",
        "организация встречается в портфеле дважды",
    ),
    "err.orientation.portfolio_needs_least_organisations": (
        "the portfolio needs at least {min_orgs} organisations with two or more waves; "
        "{usable} qualify",
        "для портфеля нужно не меньше {min_orgs} организаций с двумя и более волнами; "
        "подходят: {usable}",
    ),
    "err.orientation.proportion_needs_least_observation": (
        "a proportion needs at least one observation",
        "для доли нужно хотя бы одно наблюдение",
    ),
    "err.orientation.responses_lack_item_columns": (
        "{where}: responses lack the item columns {missing}",
        "{where}: в ответах нет столбцов вопросов {missing}",
    ),
    "err.orientation.scale_mixes_response_ranges": (
        "{ref}: scale {id!r} mixes response ranges",
        "{ref}: в шкале {id!r} смешаны разные диапазоны ответов",
    ),
    "err.orientation.scale_no_numeric_range": (
        "{ref}: scale {id!r} has no numeric range",
        "{ref}: у шкалы {id!r} нет числового диапазона",
    ),
    "err.orientation.share_no_scale_pair": (
        "{management_ref} and {customer_ref} share no scale; pair management-view with "
        "customer-view",
        "у {management_ref} и {customer_ref} нет общей шкалы; сопоставляйте management-view "
        "с customer-view",
    ),
    "err.orientation.target_share_must_above": (
        "target_share must be above 0 and at most 1",
        "target_share должно быть больше 0 и не больше 1",
    ),
    "err.orientation.threshold_must_lie_answer": (
        "the threshold must lie on the answer scale, {low:g} to {high:g}",
        "порог должен лежать на шкале ответов, от {low:g} до {high:g}",
    ),
    "err.orientation.trajectory_needs_index_least": (
        "a trajectory needs the index in at least {min_points} quarters; it could be "
        "computed in {computed} (skipped quarters — {skipped})",
        "для траектории нужен индекс хотя бы в {min_points} кварталах; он вычислен в "
        "{computed} (пропущенные кварталы — {skipped})",
    ),
    "err.orientation.trajectory_needs_least_waves": (
        "a trajectory needs at least {min_points} waves (quarters) of the index; there are {count}",
        "для траектории нужно не меньше {min_points} волн (кварталов) индекса; есть: {count}",
    ),
    "err.orientation.two_waves_belong_different": (
        "the two waves belong to different organisations",
        "две волны относятся к разным организациям",
    ),
    "err.orientation.verdicts_rest_bootstrap_intervals": (
        "verdicts rest on bootstrap intervals: n_boot must be at least 1",
        "выводы опираются на бутстреп-интервалы: n_boot должно быть не меньше 1",
    ),
    "err.orientation.wave_anonymous_but_responses": (
        "wave {wave!r} is anonymous but its responses carry ids",
        "волна {wave!r} анонимная, но в её ответах есть id",
    ),
    "err.orientation.wave_anonymous_coverage_counts": (
        "wave {wave!r} is anonymous: coverage counts people, which needs a confidential or "
        "identified wave",
        "волна {wave!r} анонимная: охват считается по людям, для этого нужна "
        "конфиденциальная или персонализированная волна",
    ),
    "err.orientation.wave_closes_must_date": (
        "wave {wave!r}: closes_on must be a date",
        "волна {wave!r}: closes_on должно быть датой",
    ),
    "err.orientation.wave_complete_must_true": (
        "wave {wave!r}: 'complete' must be true or false",
        "волна {wave!r}: 'complete' должно быть true или false",
    ),
    "err.orientation.wave_department_not_path": (
        "wave {wave!r}: department {value!r} is not a path",
        "волна {wave!r}: подразделение {value!r} — не путь",
    ),
    "err.orientation.wave_labels_repeat": (
        "wave labels repeat: {repeated}",
        "метки волн повторяются: {repeated}",
    ),
    "err.orientation.wave_mode_must_not": (
        "wave {wave!r}: mode must be one of {modes}, not {mode!r}",
        "волна {wave!r}: режим должен быть одним из: {modes}, а не {mode!r}",
    ),
    "err.orientation.wave_needs_label": (
        "a wave of {org!r} needs a label",
        "у волны организации {org!r} должна быть метка",
    ),
    "err.orientation.wave_needs_short_name": (
        "a wave needs the short name of its organisation",
        "у волны должно быть краткое имя её организации",
    ),
    "err.orientation.wave_no_scored_employees": (
        "wave {wave!r} has no scored employees",
        "в волне {wave!r} нет сотрудников с баллами",
    ),
    "err.orientation.wave_responses_lack_columns": (
        "wave {wave!r}: responses lack the columns {missing}",
        "волна {wave!r}: в ответах нет столбцов {missing}",
    ),
    "err.orientation.wave_responses_lack_item": (
        "wave {wave!r}: responses lack the item columns {missing}",
        "волна {wave!r}: в ответах нет столбцов вопросов {missing}",
    ),
    "err.orientation.wave_responses_must_pandas": (
        "wave {wave!r}: responses must be a pandas DataFrame",
        "волна {wave!r}: ответы должны быть таблицей pandas DataFrame",
    ),
    "err.orientation.waves_all_fall_date": (
        "the waves all fall on one date; a trend needs time between them",
        "все волны приходятся на одну дату; для тренда нужно время между ними",
    ),
    "err.orientation.waves_belong_several_organisations": (
        "the waves belong to several organisations: {orgs}",
        "волны относятся к нескольким организациям: {orgs}",
    ),
    "err.orientation.waves_other_organisations_given": (
        "waves of other organisations given: {foreign}",
        "указаны волны других организаций: {foreign}",
    ),
}

register_pairs(ERRORS)
