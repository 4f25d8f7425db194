import type { Catalogue } from '../types';

/**
 * Facilitator mode. Loaded with the facilitator screens, not with the app shell: the screens register it
 * with addMessages() when their chunk loads (see ../index.ts).
 */
export const facilitator = {
  // Dashboard
  'fac.dash.heading': 'Facilitator mode',
  'fac.dash.eyebrow': 'Facilitator mode',
  'fac.dash.meta': '{neighbourhood} · {date} · {venue}',
  'fac.dash.endedHint': 'Residents can no longer add ideas, comments or priorities.',
  'fac.dash.startKiosk': 'Start kiosk mode',
  'fac.dash.settingsProblem':
    'Changes to the settings made on two devices do not fit together: {problem} Open “Edit session” to put it right.',
  'fac.dash.kioskHint':
    'Kiosk mode is the residents’ screen. It locks facilitator mode: you will need the PIN to come back.',
  'fac.dash.edit': 'Edit session',
  'fac.dash.lock': 'Lock facilitator mode',
  'fac.dash.detailsHeading': 'About this session',
  'fac.dash.pot': 'The pot residents decide on',
  'fac.dash.poolable': 'Money that can be pooled',
  'fac.dash.poolableValue': {
    one: '{poolable}, from a money map of {count} funding stream',
    other: '{poolable}, from a money map of {count} funding streams',
  },
  'fac.dash.method': 'How residents set priorities',
  'fac.dash.themes': 'Themes',
  'fac.dash.languages': 'Languages',
  'fac.dash.aboutYou': 'Questions about residents',
  'fac.dash.wording': 'Consent and questions',
  'fac.dash.wordingAll': 'In every language of the session',
  'fac.dash.wordingMissing':
    'Residents who choose {languages} read some of them {inWritten}: add their wording in Edit session',
  'fac.dash.aboutYouCount': {
    zero: 'None',
    one: '{count} optional question',
    other: '{count} optional questions',
  },
  'fac.method.dotsSummary': {
    one: 'Dot voting: {count} dot for each resident, at most {max} on one idea',
    other: 'Dot voting: {count} dots for each resident, at most {max} on one idea',
  },
  'fac.method.budgetSummary': 'Budget allocation: each resident picks ideas that fit in the pot',
  'fac.method.budgetSummaryMin':
    'Budget allocation: each resident picks ideas that fit in the pot, spending at least {percent}% of it',
  'fac.method.rankingSummary': {
    one: 'Ranking: each resident puts up to {count} idea in order',
    other: 'Ranking: each resident puts up to {count} ideas in order',
  },
  'fac.update.hint': 'Update between residents: the app restarts, and nothing typed is lost.',
  'fac.clock.heading': 'Check this tablet’s date and time',
  'fac.clock.text':
    'This tablet’s clock says {now}, but this session holds records stamped as late as {latest}, the first of them from {device} ({first}). One of the clocks is wrong.',
  'fac.clock.do':
    'If it is this tablet’s, set the date and time in the tablet’s settings before residents take part: every idea, comment and priority is stamped with the clock of the tablet it was made on. If it is another tablet’s, set that one.',
  'fac.clock.thisTablet': 'this tablet',
  // Under "A new version of the app is ready." on the other staff screens: home, officer view, room, session form.
  'update.hintStaff':
    'The app restarts: save what you are typing first. Update before printing or exporting, so your figures match the council’s.',

  // Counts
  'fac.counts.heading': 'So far',
  'fac.counts.residents': 'Residents taking part',
  'fac.counts.nothingDone':
    'Turns ended with nothing done: {count}. Someone agreed, then left, timed out or handed over before answering, adding or choosing anything; they are not counted as residents taking part.',
  'fac.counts.ideas': 'Ideas shown to residents',
  'fac.counts.hidden': 'Hidden ideas',
  'fac.counts.comments': 'Comments',
  'fac.counts.counted': 'Ballots counted',
  'fac.counts.excluded': 'Ballots not counted',
  'fac.counts.excludedHint':
    'A ballot is not counted when the way of voting was changed to another kind (dots, budget or ranking) after it was cast, or when it breaks the rules it was cast under. It is kept, not deleted: the officer view lists each one, why, and what you can do.',

  // Live board
  'fac.board.heading': 'Live board',
  'fac.board.caption': 'Ideas with the most support first',
  'fac.board.idea': 'Idea',
  'fac.board.theme': 'Theme',
  'fac.board.cost': 'Rough cost',
  'fac.board.supporters': 'Supporters',
  'fac.board.points': 'Points',
  'fac.board.comments': 'Comments',
  'fac.board.empty': 'There are no ideas yet.',
  'fac.board.pointsDots': 'Ideas with the most support come first. Points are the dots residents gave.',
  'fac.board.pointsBudget':
    'Ideas with the most support come first. Each resident who picked an idea gives it 1 point.',
  'fac.board.pointsRanking': {
    one: 'Ideas with the most support come first. A resident’s first choice gets {count} point.',
    other:
      'Ideas with the most support come first. A resident’s first choice gets {count} points, the next one point fewer, and so on.',
  },

  // Looking after ideas
  'fac.ideas.heading': 'Look after the ideas',
  'fac.ideas.hint':
    'Hide an idea that is abusive or shares someone’s personal details, fix a typo, or merge two ideas that say the same thing.',
  'fac.idea.meta': '{theme} · rough cost {cost}',
  'fac.idea.where': 'where: {where}',
  'fac.idea.includes': 'Includes: {titles}',
  'fac.idea.edited': 'Corrected by the facilitator',
  'fac.idea.originalTitle': 'Original title:',
  'fac.idea.originalDescription': 'Original description:',
  'fac.hide.button': 'Hide this idea',
  'fac.hide.buttonFor': 'Hide this idea: {title}',
  'fac.hide.reason': 'Why are you hiding it?',
  'fac.hide.reasonHint':
    'Residents will no longer see this idea. The reason is kept for the record. You can show it again later.',
  'fac.hide.confirm': 'Hide the idea',
  'fac.hide.done': '“{title}” is now hidden.',
  'fac.edit.button': 'Fix a typo',
  'fac.edit.buttonFor': 'Fix a typo: {title}',
  'fac.edit.hint':
    'Only fix spelling or typing mistakes. The resident’s original words are kept and shown here.',
  'fac.edit.title': 'Title',
  'fac.edit.description': 'Description',
  'fac.edit.save': 'Save the correction',
  'fac.edit.unchanged': 'Nothing to save: the title and description are as they were.',

  // Merging
  'fac.merge.heading': 'Merge two ideas that are the same',
  'fac.merge.hint':
    'The duplicate is no longer shown. Its supporters and comments count for the idea you keep, and nobody is counted twice.',
  'fac.merge.notEnough': 'You need at least two ideas to merge.',
  'fac.merge.duplicate': 'The duplicate',
  'fac.merge.duplicateHint': 'This idea will be merged away.',
  'fac.merge.kept': 'The idea to keep',
  'fac.merge.keptHint': 'Residents will keep seeing this one.',
  'fac.merge.choose': 'Choose an idea',
  'fac.merge.button': 'Merge these ideas',
  'fac.merge.confirmHeading': 'Merge these ideas?',
  'fac.merge.confirmText': '“{duplicate}” will be merged into “{kept}”.',
  'fac.merge.confirmWarning':
    'Residents will only see “the idea to keep”. This cannot be undone from this screen.',
  'fac.merge.confirm': 'Yes, merge them',
  'fac.merge.done': '“{duplicate}” is now part of “{kept}”.',

  // Hidden ideas
  'fac.hidden.heading': 'Hidden ideas',
  'fac.hidden.none': 'No ideas are hidden.',
  'fac.hidden.reason': 'Reason:',
  'fac.hidden.show': 'Show this idea again',
  'fac.hidden.showFor': 'Show this idea again: {title}',
  'fac.hidden.done': '“{title}” is shown to residents again.',

  // Storage
  'fac.storage.heading': 'Storage on this tablet',
  'fac.storage.persistent': 'The browser has promised to keep this data.',

  // Ending
  'fac.end.heading': 'End the session',
  'fac.end.text': 'At the end of the workshop, end the session so nothing more can be added.',
  'fac.end.button': 'End session',
  'fac.end.confirmHeading': 'End this session?',
  'fac.end.confirmText':
    'Residents will no longer be able to add ideas, comments or priorities on any tablet. Everything so far is kept, and you can still see the results.',
  'fac.end.confirm': 'Yes, end the session',
  'fac.end.endedHeading': 'The session has ended',
  'fac.end.endedText':
    'Nothing more can be added. If you ended it by mistake, you can reopen it for residents.',
  'fac.end.reopen': 'Reopen the session',
  'fac.name.heading': 'Name this tablet',
  'fac.name.text':
    'Officers see what was done on each tablet by its name. This tablet is shown as “{name}”. A name on its case helps, e.g. “Tablet 3 (blue case)”.',
  'fac.name.label': 'This tablet’s name',
  'fac.name.hint': 'At most {max} characters.',
  'fac.name.save': 'Save the name',

  // Session form
  'fac.form.createHeading': 'Create a session',
  'fac.form.createLead': 'Set up one workshop. You can change all of this later.',
  'fac.form.editHeading': 'Edit the session',
  'fac.form.editLead': 'You are changing “{title}”.',
  'fac.form.draftRestored': 'We have brought back what you typed earlier but had not saved yet.',
  'fac.form.draftDiscard': 'Throw away these changes',
  'fac.form.errorHeading': 'There is a problem',
  'fac.form.errorItem': '{label}: {message}',
  'fac.form.inRow': '{field}, {row}',
  'fac.form.otherProblem': 'Something else',
  'fac.form.detailsLegend': 'About the workshop',
  'fac.form.title': 'Session title',
  'fac.form.titleHint': 'Residents see this first, for example “Northmoor: what should the pot pay for?”',
  'fac.form.neighbourhood': 'Neighbourhood',
  'fac.form.neighbourhoodWithCouncil':
    'This session is already with the council, so its neighbourhood cannot be changed on this tablet: moving it to another neighbourhood needs a council officer. Ask your council admin.',
  'fac.form.date': 'Date of the workshop',
  // Shown under the date while it is before today (a mistyped year is the usual cause); saving is still allowed.
  'fac.form.datePassed':
    '{date} has already passed. Check the year, or keep it if you are recording a workshop that has happened.',
  'fac.form.venue': 'Venue',
  'fac.form.venueHint': 'For example “St Aidan’s Church Hall, Moor Lane”',
  'fac.form.moneyLegend': 'Money map',
  'fac.form.moneyHint':
    'The public money spent in the neighbourhood each year: who spends it, on what, and whether it can be pooled for residents to decide on.',
  'fac.form.streamLegend': 'Funding stream {n}',
  'fac.form.publicBody': 'Public body',
  'fac.form.service': 'Service',
  'fac.form.annual': 'Amount each year',
  // Under a money field while it is typed: how the app reads it ("1,00,000" -> £100,000), before saving.
  'fac.form.moneyReadAs': 'Read as {amount}',
  'fac.form.poolable': 'This money can be pooled',
  'fac.form.remove': 'Remove',
  'fac.form.removeStreamFor': 'Remove funding stream {n}',
  'fac.form.addStream': 'Add a funding stream',
  'fac.form.pot': 'The pot residents decide on',
  'fac.form.potHint':
    'Money that can be pooled: {poolable}. The pot cannot be more than this. Type it in pounds, for example 250000.',
  'fac.form.themesLegend': 'Themes',
  'fac.form.themesHint': 'Ideas are grouped under these headings. You need at least one.',
  'fac.form.themeN': 'Theme {n}',
  'fac.form.removeThemeFor': 'Remove theme {n}',
  'fac.form.addTheme': 'Add a theme',
  'fac.form.themeJobs': 'Jobs and skills',
  'fac.form.themeYoung': 'Young people',
  'fac.form.themeSafety': 'Safety',
  'fac.form.themeGreen': 'Green spaces',
  'fac.form.themeHealth': 'Health and wellbeing',
  'fac.form.methodLegend': 'How residents set priorities',
  'fac.form.methodWarning':
    'Residents have already set priorities. Their ballots keep the rules they were cast under and still count; but if you change to another way of voting (dots, budget or ranking), they are not counted until you change back.',
  'fac.form.methodDotsHint': 'Each resident spreads a number of dots over the ideas they like most.',
  'fac.form.methodBudgetHint': 'Each resident picks the ideas they want whose costs together fit in the pot.',
  'fac.form.methodRankingHint': 'Each resident puts their favourite ideas in order, best first.',
  'fac.form.dots': 'Dots for each resident',
  'fac.form.dotsHint': 'A whole number from 1 to {max}.',
  'fac.form.maxPerIdea': 'Most dots one resident can put on one idea',
  'fac.form.minShare': 'Smallest share of the pot each resident must spend, in %',
  'fac.form.minShareHint': '0 means there is no minimum. 70 is a good place to start.',
  'fac.form.minShareRule':
    '0 means there is no minimum. 70 is a good place to start. The minimum only applies once residents can reach it without choosing any particular idea (while there are too few ideas, or they cost too much, nobody has to spend it), and each ballot keeps the minimum it was saved with.',
  'fac.form.maxRanked': 'How many ideas each resident can put in order',
  'fac.form.maxRankedHint': 'A whole number from 1 to {max}.',
  'fac.form.languagesLegend': 'Languages',
  'fac.form.languagesHint': 'Residents choose one of these on the welcome screen.',
  'fac.form.languagesTooFew': 'Please choose at least one language.',
  'fac.form.consentLegend': 'Consent',
  'fac.form.consent': 'What residents agree to before they start',
  'fac.form.consentHint':
    'Say why you are asking, that no names are needed, how answers are used, how long they are kept and how to have them removed.',
  'fac.form.consentDefault':
    'Your ideas, comments and priorities help the council and its partners decide how to spend the pooled money in this neighbourhood. ' +
    'We do not ask for your name. Questions about you are optional, and your answers are only counted in groups of 5 or more people, so nobody can be picked out. ' +
    'We keep what you tell us for 2 years, then delete it. ' +
    'If you want your answers removed, ask the facilitator today or contact the council.',
  'fac.form.wordingLanguageLegend': 'Language this wording and the questions are typed in',
  'fac.form.wordingLanguageHint':
    'Below the questions, you can give the same words in the session’s other languages, so every resident reads what they agree to in their own language.',
  'fac.form.wordingLegend': 'Wording {inLanguage}',
  'fac.form.wordingHint':
    'Residents who choose {language} read these words. Anything left empty is shown as typed, {inWritten}. Answers are counted together whatever language they were given in.',
  'fac.form.wordingConsent': 'What residents agree to, {inLanguage}',
  'fac.form.wordingQuestionLegend': 'Question {n} {inLanguage}',
  'fac.form.wordingAsTyped': 'As typed: {text}',
  'fac.form.wordingOption': 'For “{option}”',
  'fac.form.answerN': 'Answer {n}',
  'fac.form.aboutYouLegend': 'Questions about residents',
  'fac.form.aboutYouHint':
    'For example, age group. Residents can skip any of them, and answers are only counted in groups of 5 or more.',
  'fac.form.councilKey': 'Council key for residents’ answers',
  'fac.form.councilKeyHint':
    'Paste the line starting ncdck1 that your council sent (made by npm run admin -- council-key). Tablets then seal each resident’s answers so only the council office can read them.',
  'fac.form.councilKeyWithCouncil':
    'This session is already with the council and its answers are sealed to this key, so the key cannot be cleared or changed on this tablet: a new key comes from a council officer. Ask your council admin.',
  'fac.form.councilKeySet':
    'Residents’ answers will be sealed on the tablet: only the council office, with its private key, can read them.',
  'fac.form.councilKeyNone':
    'No council key: residents’ answers to these questions are stored on the tablets as they are given, not sealed. Anyone with a tablet or a session file could read them.',
  'fac.form.questionLegend': 'Question {n}',
  'fac.form.questionText': 'Question',
  'fac.form.questionOptions': 'Answers to choose from',
  'fac.form.questionOptionsHint': 'One answer on each line, at least 2.',
  'fac.form.optionsTooFew': 'Please give at least 2 answers, one on each line.',
  'fac.form.removeQuestionFor': 'Remove question {n}',
  'fac.form.addQuestion': 'Add a question',
  'fac.form.themesTooFew': 'Please add at least one theme.',
  'fac.form.pinLegend': 'Facilitator PIN',
  'fac.form.pinHint':
    '{min} to {max} digits. You need it to open facilitator mode on any tablet. Do not share it with residents.',
  'fac.form.pin': 'PIN',
  'fac.form.pinConfirm': 'Type the PIN again',
  'fac.form.changePin': 'Change the facilitator PIN',
  'fac.form.newPin': 'New PIN',
  'fac.form.newPinConfirm': 'Type the new PIN again',
  'fac.form.pinMismatch': 'The two PINs are not the same. Please type them again.',
  'fac.form.pinConfirmMissing': 'Please type the PIN a second time.',
  'fac.form.create': 'Create the session',
  'fac.form.creating': 'Creating the session…',
  'fac.form.save': 'Save changes',
  'fac.form.backToSession': 'Back to the session',
  'fac.form.noChanges': 'Nothing has changed, so there was nothing to save.',
} satisfies Catalogue;
