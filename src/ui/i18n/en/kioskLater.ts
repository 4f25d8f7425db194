import type { Catalogue } from '../types';

/**
 * The resident's screens after "I agree": about you, the menu, the money map, the ideas, adding one, priorities,
 * finishing and thanks. Not in the first download: registered by src/ui/kiosk/laterMessages.ts, which every chunk
 * that draws these steps imports (the later steps, priorities, earlier ideas, the facilitator's sound packs). The
 * first screen's words, and those of the screens the shell draws itself (the strip above every screen, the
 * facilitator hand-over, the idle warning, loading problems), stay in ./kiosk.ts. Plain words: a 12-year-old and
 * an 85-year-old should both understand them.
 */
export const kioskLater = {
  // "Back" buttons of the later steps
  'kiosk.back.hub': 'Back to the menu',
  'kiosk.back.ideas': 'Back to the ideas',

  // About you
  'kiosk.about.title': 'A little about you',
  'kiosk.about.lead':
    'You do not have to answer these questions. Your answers help us check that we hear from all kinds of people.',
  'kiosk.about.preferNot': 'I would rather not say',
  'kiosk.about.skip': 'Skip these questions',

  // The menu
  'kiosk.hub.title': 'What would you like to do?',
  'kiosk.hub.moneyMap': 'Where the money goes',
  'kiosk.hub.moneyMapText': 'See who spends what in {neighbourhood}, and the pot you can help decide on.',
  'kiosk.hub.ideas': 'Read the ideas',
  'kiosk.hub.ideasText': {
    one: 'There is {count} idea so far. Read it and say what you think.',
    other: 'There are {count} ideas so far. Read them and say what you think.',
  },
  'kiosk.hub.addIdea': 'Add your idea',
  'kiosk.hub.addIdeaText': 'Tell us what would make {neighbourhood} better.',
  'kiosk.hub.priorities': 'Choose your priorities',
  'kiosk.hub.prioritiesDots': {
    one: 'Put your dot on the idea you like best.',
    other: 'Put your {count} dots on the ideas you like best.',
  },
  'kiosk.hub.prioritiesBudget': 'Choose the ideas you would pay for from the pot of {pot}.',
  'kiosk.hub.prioritiesRanking': {
    one: 'Choose the idea you like best.',
    other: 'Choose your top {count} ideas, favourite first.',
  },
  'kiosk.hub.prioritiesSaved': 'Your priorities are saved.',
  'kiosk.hub.prioritiesNotSaved': 'You have changed your priorities but not saved them yet.',
  'kiosk.hub.prioritiesNotDone': 'Not done yet.',
  'kiosk.hub.finishHeading': 'All done?',
  'kiosk.hub.finishText': 'Tap Finish when you are done, so the next person can have a go.',
  'kiosk.hub.finish': 'Finish',
  'kiosk.hub.earlier': 'What happened to earlier ideas',
  'kiosk.hub.earlierText': 'See what the council did with ideas from earlier workshops in {neighbourhood}.',

  // The money map
  'kiosk.money.title': 'Where the money goes',
  'kiosk.money.lead':
    'Every year these public bodies spend money on services in {neighbourhood}. Some of it can be pooled: put together in one pot that residents help decide on.',
  'kiosk.money.allTotal': 'All the money, each year',
  'kiosk.money.poolableTotal': 'Money that can be pooled',
  'kiosk.money.pot': 'The pot you help decide on',
  'kiosk.money.empty': 'The money map has not been filled in yet.',
  'kiosk.money.service': 'Service',
  'kiosk.money.perYear': 'Each year',
  'kiosk.money.poolable': 'Can it be pooled?',
  'kiosk.money.yesPoolable': 'Yes',
  'kiosk.money.notPoolable': 'No',
  'kiosk.money.bodyTotal': 'Total',

  // Ideas
  'kiosk.ideas.title': 'Ideas so far',
  'kiosk.ideas.lead': {
    one: 'There is {count} idea. Tap it to read more and add a comment.',
    other: 'There are {count} ideas. Tap one to read more and add a comment.',
  },
  'kiosk.ideas.none': 'There are no ideas yet. Yours could be the first!',
  'kiosk.ideas.add': 'Add your own idea',
  'kiosk.ideas.count': { one: '{count} idea', other: '{count} ideas' },
  'kiosk.ideas.themeEmpty': 'No ideas here yet.',
  'kiosk.ideas.otherTheme': 'Other ideas',

  // One idea
  'kiosk.idea.cost': 'Rough cost: {cost}',
  'kiosk.idea.where': 'Where: {where}',
  'kiosk.idea.commentCount': { one: '{count} comment', other: '{count} comments' },
  'kiosk.idea.themeLabel': 'Theme',
  'kiosk.idea.costLabel': 'Rough cost',
  'kiosk.idea.whereLabel': 'Where',
  'kiosk.idea.commentsHeading': {
    one: 'What people said ({count} comment)',
    other: 'What people said ({count} comments)',
  },
  'kiosk.idea.noComments': 'Nobody has commented yet.',
  'kiosk.idea.goneTitle': 'This idea is not available',
  'kiosk.idea.gone': 'The facilitator has taken this idea down or joined it with another one.',

  // Comments
  'kiosk.comment.heading': 'Add a comment',
  'kiosk.comment.label': 'Your comment',
  'kiosk.comment.hint': 'What do you think of this idea? Please do not write your name.',
  'kiosk.comment.submit': 'Add my comment',
  'kiosk.comment.added': 'Thank you. Your comment has been added.',

  // Adding an idea
  'kiosk.addIdea.title': 'Add your idea',
  'kiosk.addIdea.lead':
    'Fill in what you can. What you type is kept on this tablet until you finish, then it is wiped.',
  'kiosk.addIdea.titleLabel': 'Your idea in a few words',
  'kiosk.addIdea.titleHint': 'For example: a youth club open on Friday nights',
  'kiosk.addIdea.descriptionLabel': 'Tell us more',
  'kiosk.addIdea.descriptionHint': 'What would happen, and who would it help?',
  'kiosk.addIdea.themeLabel': 'Which of these is it closest to?',
  'kiosk.addIdea.costLabel': 'Roughly how much would it cost?',
  'kiosk.addIdea.costHint': 'In pounds, for example 5000. A guess is fine.',
  // Under the cost while it is typed: how the tablet reads it (1,00,000 or 1000.5), before Add my idea.
  'kiosk.addIdea.costReadAs': 'The tablet reads this as {amount}.',
  'kiosk.addIdea.whereLabel': 'Where would it happen?',
  'kiosk.addIdea.whereHint': 'A street, a building or a park',
  'kiosk.addIdea.submit': 'Add my idea',
  'kiosk.addIdea.added': 'Thank you. Your idea has been added.',

  // Priorities
  'kiosk.priorities.title': 'Choose your priorities',
  'kiosk.priorities.noIdeas': 'There are no ideas to choose from yet. Why not add one?',
  'kiosk.priorities.save': 'Save my priorities',
  'kiosk.priorities.savedText': 'You can still change your priorities until you tap Finish.',
  'kiosk.priorities.changed': 'You have made changes. Tap “Save my priorities” to keep them.',
  'kiosk.dots.intro': {
    one: 'You have {count} dot. Put it on the idea you like best.',
    other:
      'You have {count} dots. Put them on the ideas you like best. You can put up to {max} of them on one idea.',
  },
  'kiosk.dots.left': { one: '{count} dot left', other: '{count} dots left' },
  'kiosk.dots.noneLeft': 'You have used all your dots.',
  'kiosk.dots.onIdea': { one: '{count} dot', other: '{count} dots' },
  'kiosk.dots.add': 'Add a dot to {title}',
  'kiosk.dots.remove': 'Take a dot off {title}',
  'kiosk.budget.intro':
    'You have a pot of {pot}. Tick the ideas you would pay for. All together they must fit in the pot.',
  'kiosk.budget.left': 'Money left: {left} of {pot}',
  'kiosk.budget.over': 'That is {over} more than the pot of {pot}. Untick an idea before you save.',
  'kiosk.budget.minimum': 'Please choose ideas worth at least {minimum}. So far: {spent}.',
  'kiosk.budget.minimumMet': 'You have chosen at least {minimum}, the least you need to spend.',
  'kiosk.budget.minimumAny':
    'Please choose ideas worth at least {minimum} in all: any ideas you like. So far: {spent}.',
  'kiosk.budget.tooDear': 'This costs more than the whole pot of {pot}, so it cannot be chosen.',
  'kiosk.ranking.intro': {
    one: 'Choose the idea you like best.',
    other: 'Choose up to {count} ideas and put them in order, your favourite first.',
  },
  'kiosk.ranking.placesLeft': {
    one: 'You can add {count} more idea.',
    other: 'You can add {count} more ideas.',
  },
  'kiosk.ranking.full': 'Your list is full.',
  'kiosk.ranking.fullHint': 'Your list is full. Remove an idea from your list to add a different one.',
  'kiosk.ranking.mine': 'My list',
  'kiosk.ranking.empty': 'Your list is empty. Add ideas from below.',
  'kiosk.ranking.rest': 'Ideas you can add',
  'kiosk.ranking.place': 'Number {place}',
  'kiosk.ranking.up': 'Move up',
  'kiosk.ranking.upFor': 'Move up: {title}',
  'kiosk.ranking.down': 'Move down',
  'kiosk.ranking.downFor': 'Move down: {title}',
  'kiosk.ranking.remove': 'Remove',
  'kiosk.ranking.removeFor': 'Remove from my list: {title}',
  'kiosk.ranking.add': 'Add to my list',
  'kiosk.ranking.addFor': 'Add to my list: {title}',
  // Said to a screen reader after "Move up" or "Move down": the idea's title and its new place in the list.
  'kiosk.ranking.moved': '{title} moved to number {place} of {count}.',

  // Finishing
  'kiosk.finishCheck.title': 'Your changes are not saved',
  'kiosk.finishCheck.text': 'You changed your priorities but did not save them.',
  'kiosk.finishCheck.review': 'Go back to my priorities',
  'kiosk.finishCheck.finish': 'Finish without saving',

  // Finish before any priorities were set: a reminder, never a block
  'kiosk.prioritiesReminder.title': 'Before you finish',
  'kiosk.prioritiesReminder.text':
    'You have not chosen any priorities. You can choose them now, or finish: both are fine.',
  'kiosk.prioritiesReminder.setPriorities': 'Set priorities',
  'kiosk.prioritiesReminder.finish': 'Finish anyway',
  'kiosk.thanks.title': 'Thank you!',
  'kiosk.thanks.text': 'Everything you saved has been kept.',
  'kiosk.thanks.handOn': 'Please pass the tablet to the next person. This screen will start again by itself.',
  'kiosk.thanks.next': 'Start again for the next person',
} satisfies Catalogue;
