"""The errors of the statistics in English and Russian, as message keys of
:mod:`orientir.i18n` (see :meth:`orientir.errors.OrientirError.text`). Importing this
module registers them; a module that raises one of these errors imports it.

These texts reach people through ``orientir score``, the index, reports and dashboards, so
they name the statistic and what is missing rather than the arrays behind it.
"""

from __future__ import annotations

from orientir.i18n import register_pairs

ERRORS: dict[str, tuple[str, str]] = {
    # Shared checks of the parameters.
    "err.stats.confidence_level": (
        "the confidence level must be between 0 and 1, such as 0.95",
        "уровень доверия должен быть между 0 и 1, например 0.95",
    ),
    "err.stats.items_not_table": (
        "items must be a table: one row per respondent, one column per item",
        "пункты нужно передать таблицей: строка на каждого респондента, столбец на каждый пункт",
    ),
    "err.stats.group_labels_missing": (
        "every row needs a group; some group labels are missing",
        "у каждой строки должна быть группа, а у некоторых строк метка группы не заполнена",
    ),
    "err.stats.segments_too_long": (
        "segments that long would make single-precision sums inexact",
        "при таких длинных сегментах суммы одинарной точности станут неточными",
    ),
    # Factor models and omega.
    "err.stats.factors_need_more_items": (
        "{n_factors} factors need more than {n_factors} items",
        "для {n_factors} факторов нужно больше {n_factors} пунктов",
    ),
    "err.stats.omega_needs_group_factor": (
        "omega needs at least one group factor",
        "для коэффициента омега нужен хотя бы один групповой фактор",
    ),
    "err.stats.omega_too_few_items": (
        "omega with {n_factors} group factors needs at least {needed} items",
        "для коэффициента омега с числом групповых факторов {n_factors} нужно пунктов "
        "не меньше: {needed}",
    ),
    "err.stats.omega_items_need_spread": (
        "every item needs some spread, and every pair of items three shared answers",
        "у каждого пункта должен быть разброс ответов, а у каждой пары пунктов — "
        "хотя бы три общих ответа",
    ),
    # Cronbach's alpha.
    "err.stats.alpha_needs_two_items": (
        "alpha needs at least two items",
        "для альфы Кронбаха нужны хотя бы два пункта",
    ),
    "err.stats.alpha_needs_three_respondents": (
        "alpha needs answers from at least three respondents",
        "для альфы Кронбаха нужны ответы хотя бы трёх респондентов",
    ),
    "err.stats.alpha_items_need_spread": (
        "every item needs some spread, and every pair of items two shared answers",
        "у каждого пункта должен быть разброс ответов, а у каждой пары пунктов — "
        "хотя бы два общих ответа",
    ),
    # Agreement within groups.
    "err.stats.rwg_needs_options": (
        "rwg(j) needs the number of response options, at least 2",
        "для rwg(j) нужно число вариантов ответа — не меньше 2",
    ),
    "err.stats.rwg_needs_two_members": (
        "rwg(j) needs answers from at least two members",
        "для rwg(j) нужны ответы хотя бы двух участников группы",
    ),
    "err.stats.one_value_per_respondent": (
        "give one value and one group label per respondent",
        "нужно по одному значению и одной метке группы на каждого респондента",
    ),
    "err.stats.icc_needs_groups": (
        "ICC needs at least two groups and more people than groups",
        "для ICC нужны хотя бы две группы и людей больше, чем групп",
    ),
    "err.stats.icc_groups_identical": (
        "the groups do not differ at all; ICC is undefined",
        "группы совсем не различаются, поэтому ICC не определён",
    ),
    # Change between waves.
    "err.stats.min_difference_negative": (
        "the smallest meaningful difference cannot be negative",
        "наименьшая значимая разница не может быть отрицательной",
    ),
    "err.stats.paired_needs_before_after": (
        "paired waves need one before and one after value per person",
        "для парного сравнения волн нужно по одному значению «до» и «после» на каждого человека",
    ),
    "err.stats.paired_needs_two_people": (
        "a paired comparison needs at least two people in both waves",
        "для парного сравнения нужны хотя бы два человека, ответивших в обеих волнах",
    ),
    "err.stats.wave_needs_two_answers": (
        "each wave needs at least two answers",
        "в каждой волне нужно хотя бы два ответа",
    ),
    "err.stats.wave_needs_nps_answer": (
        "each wave needs at least one NPS answer",
        "в каждой волне нужен хотя бы один ответ на вопрос NPS",
    ),
    "err.stats.wave_needs_answer": (
        "each wave needs at least one answer",
        "в каждой волне нужен хотя бы один ответ",
    ),
    # Driver analysis (relative weights).
    "err.stats.one_outcome_per_row": (
        "give one outcome value per row of predictors",
        "нужно по одному значению целевого показателя на каждую строку предикторов",
    ),
    "err.stats.min_n_n_boot": (
        "min_n must be positive and n_boot not negative",
        "min_n должно быть положительным, а n_boot — неотрицательным",
    ),
    "err.stats.drivers_too_few_respondents": (
        "driver analysis needs at least {needed} respondents with complete answers; "
        "this group has {n}",
        "для анализа драйверов нужно не меньше {needed} респондентов с полными ответами, "
        "а в этой группе их {n}",
    ),
    "err.stats.drivers_need_spread": (
        "every predictor and the outcome need some spread",
        "у каждого предиктора и у целевого показателя должен быть разброс значений",
    ),
    # NPS and percent favourable.
    "err.stats.nps_answers_range": (
        "NPS answers must be whole numbers from 0 to 10",
        "ответы NPS должны быть целыми числами от 0 до 10",
    ),
    "err.stats.nps_no_answers": (
        "no answers to compute an NPS from",
        "нет ответов, по которым можно рассчитать NPS",
    ),
    "err.stats.favourable_no_answers": (
        "no answers to compute percent favourable from",
        "нет ответов, по которым можно рассчитать долю благоприятных ответов",
    ),
    "err.stats.answers_above_maximum": (
        "answers above the scale maximum {scale_max}",
        "есть ответы выше максимума шкалы ({scale_max})",
    ),
    # Scale scores.
    "err.stats.scale_no_items": ("scale {name!r} has no items", "в шкале {name!r} нет пунктов"),
    "err.stats.scale_item_twice": (
        "scale {name!r} lists an item twice",
        "в шкале {name!r} один пункт указан дважды",
    ),
    "err.stats.scale_reversed_not_in_scale": (
        "scale {name!r}: reversed items not in the scale: {unknown}",
        "шкала {name!r}: обратные пункты, которых нет в шкале: {unknown}",
    ),
    "err.stats.scale_low_below_high": (
        "scale {name!r}: low must be below high",
        "шкала {name!r}: low должно быть меньше high",
    ),
    "err.stats.scale_min_answered": (
        "scale {name!r}: min_answered must be 1 to {count}",
        "шкала {name!r}: min_answered должно быть от 1 до {count}",
    ),
    "err.stats.scale_columns_not_found": (
        "scale {name!r}: columns not found: {missing}",
        "шкала {name!r}: не найдены столбцы: {missing}",
    ),
    "err.stats.scale_answers_out_of_range": (
        "scale {name!r}: answers must lie between {low:g} and {high:g}",
        "шкала {name!r}: ответы должны быть в пределах от {low:g} до {high:g}",
    ),
    "err.stats.scale_named_twice": (
        "two scales are named {name!r}",
        "две шкалы называются {name!r}",
    ),
    # Small-group suppression.
    "err.stats.k_whole_number": (
        "k must be a whole number of at least {min_k}",
        "k должно быть целым числом не меньше {min_k}",
    ),
    "err.stats.children_exceed_parent": (
        "the children of {key!r} have more respondents than it has",
        "во вложенных группах {key!r} респондентов больше, чем в ней самой",
    ),
    "err.stats.figure_columns_not_found": (
        "figure columns not found: {unknown}",
        "не найдены столбцы показателей: {unknown}",
    ),
    "err.stats.cells_need_column": (
        "the cells table needs a {column!r} column",
        "в таблице ячеек нужен столбец {column!r}",
    ),
    "err.stats.cell_keys_unique": (
        "every cell needs its own key",
        "у каждой ячейки должен быть свой ключ",
    ),
    "err.stats.cell_counts_invalid": (
        "every cell needs a respondent count of zero or more",
        "у каждой ячейки должно быть число респондентов — ноль или больше",
    ),
    "err.stats.filtered_exceeds_group": (
        "a filtered view cannot hold more people than its group",
        "в отфильтрованном срезе не может быть больше людей, чем во всей его группе",
    ),
    "err.stats.views_need_column": (
        "the views table needs a {column!r} column",
        "в таблице срезов нужен столбец {column!r}",
    ),
    "err.stats.view_counts_invalid": (
        "every view needs a count no larger than its group's",
        "в каждом срезе должно быть не больше людей, чем в его группе",
    ),
    "err.stats.release_member_sets": (
        "release {name!r} needs one member set per cell",
        "в выпуске {name!r} нужен один набор участников на каждую ячейку",
    ),
    "err.stats.release_count_mismatch": (
        "release {name!r}: a cell's count differs from its members",
        "выпуск {name!r}: число в ячейке не совпадает с числом её участников",
    ),
    "err.stats.release_names_unique": (
        "every release needs its own name",
        "у каждого выпуска должно быть своё имя",
    ),
}

register_pairs(ERRORS)
