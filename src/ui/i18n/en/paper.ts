import type { Catalogue } from '../types';

/**
 * Paper ballots: typing in sheets filled in at a workshop stall, and importing a CSV of them. Loaded with the
 * paper ballots panel (facilitator dashboard, officer view), registered with addMessages() by
 * src/ui/paper/messages.ts.
 */
export const paper = {
  'paper.heading': 'Paper ballots',
  'paper.intro':
    'Type in the ballots residents filled in on paper. Each sheet is counted once with the ballots from the tablets, and shown apart in the figures. You can still type sheets in after the session has ended.',
  'paper.loading': 'Loading paper ballots…',
  'paper.loadFailed':
    'The paper ballots part could not be loaded. Check the connection, then reload the page.',

  // Counts
  'paper.counts.heading': 'Ballots so far',
  'paper.counts.kiosk': 'From the tablets',
  'paper.counts.paper': 'From paper',
  // The same words as "Ballots not counted" on the dashboard, officer view and report: true of every cause.
  'paper.counts.excluded': {
    one: '{count} paper ballot is not counted.',
    other: '{count} paper ballots are not counted.',
  },

  // One sheet
  'paper.form.heading': 'Type in one sheet',
  'paper.form.sheet': 'Sheet number',
  'paper.form.sheetHint': 'The number written on the paper sheet, from 1 to 999,999.',
  'paper.form.noIdeas': 'There are no ideas to vote for yet.',
  'paper.form.dotsLegend': 'Dots on each idea',
  'paper.form.dotsHint':
    'Up to {total} dots in all, at most {max} on one idea. Leave an idea empty if it has no dots.',
  'paper.form.dotsLeft': { one: '{count} dot left', other: '{count} dots left' },
  'paper.form.dotsOver': { one: '{count} dot too many', other: '{count} dots too many' },
  'paper.form.budgetLegend': 'Ideas ticked on the sheet',
  'paper.form.budgetHint': 'Tick the ideas the resident chose. Together they must fit in the pot of {pot}.',
  'paper.form.budgetMinimumHint':
    'Tick the ideas the resident chose. Together they must fit in the pot of {pot} and come to at least {minimum}.',
  'paper.form.spent': 'Chosen: {spent} of {pot}',
  'paper.form.rankingLegend': 'Places on the sheet',
  'paper.form.rankingHint': 'Give each ranked idea its place, 1 for the favourite, up to {max} places.',
  'paper.form.notRanked': 'Not ranked',
  'paper.form.place': 'Place {place}',
  'paper.form.idea': '{number}. {title} ({cost})',
  'paper.form.submit': 'Add this sheet',
  'paper.form.busy': 'Adding…',
  'paper.form.added': 'Sheet {sheet} added.',
  'paper.form.replaced': 'Sheet {sheet} replaced.',
  'paper.form.badPlaces': 'Places must be 1, 2, 3… with no number used twice and none missed.',
  'paper.form.notWhole': 'Please use whole numbers of dots.',
  // The sheet's dots added up, over the session's dots for each resident (the kiosk tells the resident
  // error.dotsOverTotal, in the resident's words; this is for the person typing the sheet in).
  'paper.form.dotsOverTotal': 'This sheet has {dots} dots in all; the session allows at most {max}.',
  // The ideas ticked on a sheet (as it was added) over the pot, or under the minimum spend: the typist's words, not
  // the kiosk's error.budgetOverPot ("Take an idea off first") to a resident.
  'paper.form.budgetOverPot': 'The ideas ticked on this sheet cost {spent}; the pot is {pot}.',
  'paper.form.budgetUnderMinimum':
    'The ideas ticked on this sheet cost {spent}; the session asks for ideas worth at least {minimum}.',
  // A rule one idea's box breaks, with the idea named: '{title}: this sheet has 9 dots on this idea; …'.
  'paper.form.onIdea': '{title}: {problem}',
  'paper.form.taken':
    'Sheet {sheet} is already entered. Check the number on the paper. If this sheet should replace the one already entered, choose “Replace sheet {sheet}”.',
  'paper.form.replace': 'Replace sheet {sheet}',

  // The list
  'paper.list.heading': 'Paper ballots entered',
  'paper.list.empty': 'No paper ballots yet.',
  'paper.list.caption': 'Paper ballots by sheet number',
  'paper.list.sheet': 'Sheet',
  'paper.list.choices': 'Choices',
  'paper.list.status': 'Counted',
  'paper.list.counted': 'Yes',
  'paper.list.excluded': 'No: {reason}',
  'paper.list.dots': '{title}: {count}',
  'paper.list.place': '{place}. {title}',
  'paper.list.unknownIdea': 'an idea no longer shown',
  // After the figures of a sheet left out for a rule it breaks: what the person typing can do ({replace} is the
  // form's button, paper.form.replace). A sheet that breaks the rule on paper too stays out.
  'paper.list.retype':
    'Check the paper sheet, and if it was typed in wrongly, type it in again with “{replace}”.',

  // CSV import
  'paper.import.heading': 'Import a CSV file of paper ballots',
  'paper.import.text':
    'One row per sheet: a “sheet” column with the sheet number, then one column per idea, headed with the idea’s number or its title. In each cell: {how}. Nothing is added unless every row is right, and you see what it adds first.',
  'paper.import.how.dots': 'the number of dots',
  'paper.import.how.budget': 'an x if the idea is ticked',
  'paper.import.how.ranking': 'the idea’s place, 1 for the favourite',
  'paper.import.template': 'Download a blank CSV for this session',
  'paper.import.choose': 'Choose a CSV file',
  'paper.import.reading': 'Reading “{fileName}”…',
  'paper.import.unreadable': '“{fileName}” could not be read. Save it again as CSV (UTF-8), then try again.',
  'paper.import.problems': {
    one: 'Nothing has been added. “{fileName}” has a problem. Fix it, save the file and choose it again:',
    other:
      'Nothing has been added. “{fileName}” has {count} problems. Fix them, save the file and choose it again:',
  },
  'paper.import.more': { one: '…and {count} more problem.', other: '…and {count} more problems.' },
  'paper.import.preview': {
    one: 'Adds {count} paper ballot (sheet {sheets}) from “{fileName}”.',
    other: 'Adds {count} paper ballots (sheets {sheets}) from “{fileName}”.',
  },
  // Said under the preview (or the problems) when the file was not UTF-8 and was read another way.
  'paper.import.encoding.utf16': 'The file was saved as “Unicode text” (UTF-16) and has been read as such.',
  'paper.import.encoding.windows1252':
    'The file is not UTF-8, so it was read as Windows text (windows-1252), as Excel’s plain “CSV” saves it. If an idea’s name looks wrong, save the file as “CSV UTF-8” and choose it again.',
  'paper.import.apply': { one: 'Add {count} paper ballot', other: 'Add {count} paper ballots' },
  'paper.import.cancel': 'Cancel',
  'paper.import.applying': 'Adding…',
  'paper.import.done': { one: 'Added {count} paper ballot.', other: 'Added {count} paper ballots.' },
  'paper.import.failed': 'Nothing has been added: {reason}',

  // Where a problem is
  'paper.problem.file': 'The file: {problem}',
  'paper.problem.row': 'Row {row}: {problem}',
  'paper.problem.cell': 'Row {row}, column “{column}”: {problem}',

  // One sentence per CSV problem code
  'paper.csv.tooLarge': 'The file is too large: at most {max} MB.',
  'paper.csv.tooManySheets': 'The file has too many rows: at most {max} sheets.',
  'paper.csv.noSheets': 'There are no sheets in it: a header row and one row per sheet are needed.',
  'paper.csv.unclosedQuote': 'a quote mark (") opens here but never closes.',
  'paper.csv.badQuote': 'there is text after a closing quote mark (").',
  'paper.csv.noSheetColumn': 'the header row has no “sheet” column.',
  'paper.csv.unknownIdea': 'no idea in this session has this number or title.',
  'paper.csv.ideaNotChoosable': 'this idea is hidden or merged into another, so it cannot be chosen.',
  'paper.csv.ideaTwice': 'this idea already has a column (“{other}”).',
  'paper.csv.extraCells': 'there are more cells than the {count} columns of the header row.',
  'paper.csv.badCell.dots': '“{value}” is not a number of dots.',
  'paper.csv.badCell.budget': '“{value}” is not a tick: use x, or leave the cell empty.',
  'paper.csv.badCell.ranking': '“{value}” is not a place: use 1, 2, 3…, or leave the cell empty.',
  'paper.csv.badPlaces': 'the places must be 1, 2, 3… with no number used twice and none missed.',
  'paper.csv.sheetTwice': 'sheet {sheet} is also on row {first}.',
  // A ballot rule a sheet breaks, for the facilitator: what the sheet has and what the session allows (the kiosk
  // says the same rules to the resident in the resident's words, error.dotsOverTotal and the like).
  'paper.csv.rule.dotsOverTotal': 'this sheet has {dots} dots; the session allows {max} in all.',
  'paper.csv.rule.dotsOverPerProposal':
    'this sheet has {dots} dots on this idea; the session allows at most {max} on one idea.',
  'paper.csv.rule.rankingTooLong': 'this sheet ranks {ranked} ideas; the session allows at most {max}.',
  'paper.csv.rule.budgetOverPot': 'the ideas ticked on this sheet cost {spent}; the pot is {pot}.',
  'paper.csv.rule.budgetUnderMinimum':
    'the ideas ticked on this sheet cost {spent}; the session asks for ideas worth at least {minimum}.',
  'paper.csv.rule.emptyBallot':
    'this sheet has no idea chosen. If the sheet was handed in blank, leave its row out.',
} satisfies Catalogue;
