import type { PhraseBank } from './templates.ts';

/**
 * English phrases: expats and travellers in Chinese cities, typed fast on a phone. Call-centre `note`s
 * are agents' summaries. Computed slots (mins, order, price, city, os, ver, phone…) live in slots.ts.
 */
export const en: PhraseBank = {
  words: {
    dish: [
      'pad thai', 'burger combo', 'chicken wings', 'ramen', 'beef noodles', 'milk tea', 'bubble tea', 'dumplings',
      'fried rice', 'sushi set', 'pizza', 'salad bowl', 'kung pao chicken', 'latte', 'fried chicken', 'mala tang',
      'pho', 'burrito', 'curry rice', 'iced americano'
    ],
    shop: ["KFC", "McDonald's", 'the dumpling place', 'that Sichuan restaurant', 'Luckin', 'Heytea', 'Burger King', 'the noodle shop near my office', 'a 4.8-star place'],
    very: ['really', 'so', 'super', 'very', 'incredibly', 'pretty'],
    late: ['over an hour', '{mins} minutes', 'almost two hours', '{mins} min', 'an hour and a half'],
    courier: ['driver', 'courier', 'delivery guy', 'rider'],
    screen: ['home page', 'restaurant page', 'order details page', 'cart', 'coupon page', 'search results', 'checkout page', 'store page'],
    emo: ['smh', 'unbelievable', 'ridiculous', 'wtf', 'seriously', 'ugh', 'come on', 'not cool'],
    again: ['again', 'constantly', 'all the time', 'every single time'],
    pay: ['WeChat Pay', 'Alipay', 'my bank card', 'Apple Pay', 'my Visa card'],
    coupon: ['¥8 off ¥30', '¥5 no-minimum', '¥15 off ¥50', 'new-user ¥12', 'members-only ¥10'],
    meal: ['lunch', 'dinner', 'late-night', 'breakfast'],
    weather: ['in the rain', 'in this heat', 'in the snow']
  },

  scenarios: {
    late_delivery: {
      say: [
        'My {dish} took {late} to arrive',
        'Ordered {mins} minutes ago and the {courier} is still "picking up"',
        'Delivery was {very} late, {late} for {dish}',
        'Every {meal} order takes {late}, {emo}',
        'App says delivered but nobody came, waited another {mins} min',
        'Promised 30 minutes, it took {late}',
        "The {courier} hasn't moved on the map for {mins} minutes",
        'Estimated arrival was {time}, still waiting',
        "I'm in {city} and deliveries here are always slow"
      ],
      note: ['order {order} delivered {mins} min late, wants compensation', "delivery {late} late, couldn't reach the rider", 'chasing an order stuck at "picked up"', '{dish} from {shop} [arrived|still not there after] {late}, [wants a refund|wants the delivery fee back]', 'rider [not moving on the map|unreachable], [chased several times|wants to cancel]'],
      detail: ['Chased the order {n} times', 'The arrival time changed {n} times', 'It said out for delivery the whole time', 'The map showed the {courier} around the corner forever', 'It has been {late} since I ordered', 'Lunch break was over by the time it came', 'The {courier} said he had {n} other orders first']
    },
    cold_food: {
      say: [
        'Food arrived cold',
        'My {dish} was stone cold when it got here',
        'Everything was lukewarm, the fries were soggy',
        'Cold {dish} again, {emo}',
        'The {dish} was cold and the soup was half spilled'
      ],
      note: ['received cold {dish}, asking for partial refund', '{dish} from {shop} arrived [cold|lukewarm], [wants a refund|wants a redelivery]'],
      detail: ['Not even a little warm', 'Had to microwave it myself', 'The rice was cold and hard', 'No thermal bag at all', 'The soup was cold too']
    },
    wrong_item: {
      say: [
        'Got someone else\'s order instead of my {dish}',
        'Missing one {dish} from my order {order}',
        'Asked for no cilantro, got a mountain of cilantro',
        'No cutlery in the bag, again',
        'The drink never came, paid {price} for nothing',
        'Half my order is missing and the restaurant won\'t answer'
      ],
      note: ['missing {dish}, order {order}, restaurant contacted', 'received the wrong order', '{shop} [left out|forgot] the [{dish}|drink|cutlery], [wants it resent|wants a refund]', 'order note [ignored|not followed], asks for a partial refund'],
      detail: ['It was clearly written in the notes', 'Only noticed when I opened the bag', "The receipt lists it but the bag doesn't have it", 'The restaurant says it is not their problem', 'Order number {order}']
    },
    rude_courier: {
      say: [
        'The {courier} was {very} rude and hung up on me',
        'The {courier} left my food downstairs and refused to come up',
        'Rider yelled at me on the phone and said my address was wrong (it wasn\'t)',
        'The {courier} asked me to give 5 stars or else, {emo}'
      ],
      note: ['complains the rider was abusive on the phone', 'rider refused to deliver to the door', '{courier} [shouted at|hung up on|threatened] the customer, wants action taken'],
      detail: ['I only asked where he was', 'He was shouting on the phone', 'I was polite the whole time', 'He just dumped it at the door and left']
    },
    damaged_package: {
      say: [
        'Soup spilled all over the bag',
        'The package was crushed, {dish} everywhere',
        'My milk tea leaked through the whole bag',
        'Lid wasn\'t even closed, half the {dish} is gone'
      ],
      note: ['package damaged, soup spilled', 'drink leaked, asks for redelivery', '{dish} [crushed|spilled] in transit, wants a [refund|redelivery]'],
      detail: ['The bag was soaked', 'The box was completely squashed', 'Took ages to clean the table', 'There was no seal on the bag', 'I have photos']
    },
    bad_taste: {
      say: [
        'The {dish} from {shop} tasted awful, nothing like the photos',
        'Way too salty, could not eat it',
        'Found a hair in my {dish}, disgusting',
        'Portions keep shrinking, {price} for this?'
      ],
      note: ['reports {dish} tasted off, suspects it was not fresh', '{dish} from {shop} [tasted too salty|had a strange taste|tasted off], wants a refund'],
      detail: ['It used to be so much better', 'Threw it away after two bites', 'It smelled off', 'How does this place have such a high rating']
    },
    app_crash: {
      say: [
        'App crashes {again} on {os}',
        'Since updating to {ver} the app crashes on launch',
        'Crashes when I tap place order, tried {n} times',
        'The {screen} is just a blank white screen',
        'App froze during payment, no idea if I was charged',
        'Keeps crashing on my {device}'
      ],
      note: ['app {ver} crashes on launch on a {device}', 'app crashed at checkout, could not pay', 'app [keeps crashing|freezes] on the {screen}, [reinstall did not help|cache cleared, no change]'],
      detail: ['On my {device}', 'Reinstalled it, still crashes', "I'm on {os}, version {ver}", 'Clearing the cache did nothing', 'It crashed {n} times today', 'Nothing else on my phone does this']
    },
    images_slow: {
      say: [
        '[Images|Pictures|Food photos] take forever to load on {os} [tonight|this evening|again]',
        'The {screen} is all grey boxes, [pictures|photos|images] never load',
        '[Photos|Pictures] keep [spinning|loading forever], I have to order [blind|by guessing]',
        'Image loading is {very} slow [every evening|at dinner time|since yesterday]',
        '[Wifi is fine|My connection is fine|Internet works], your app just won\'t load [pictures|images]',
        'Menu photos [stuck loading|never finish loading] on the {screen}'
      ],
      note: ['images in the app load very slowly, {screen} keeps spinning', 'cannot see any food photos during the evening peak', 'photos on the {screen} [stuck loading|loading forever] on a {device}'],
      detail: ['Switched from my home network to 5G, still spinning', "Restarted my phone, photos still won't load", 'On my {device}', "I'm on {os}", 'Refreshed {n} times, still loading', 'Nothing else on my phone does this', 'Started around {time}', "Even the restaurant logos won't load", 'Scrolling is laggy too', 'Review photos are stuck loading as well', 'None of the pictures from {shop} show up', 'It used to load instantly']
    },
    payment_failed: {
      say: [
        'Payment keeps failing, tried {pay} too',
        'Payment failed but I was charged {price}',
        'Got charged twice for one order!',
        'Checkout spins forever then says network error',
        '{pay} says system busy every time'
      ],
      note: ['payment failed but {price} was deducted, order {order}', 'repeated payment failures with {pay}', '[charged twice|double charged] {price}, [wants it returned|asks us to check]'],
      detail: ['Tried {pay} too, same thing', 'My bank says everything is fine', 'There is enough money on the card', 'Tried {n} times', 'On my {device}']
    },
    refund_delay: {
      say: [
        'Requested a refund {days} days ago and still nothing',
        'Refund stuck on "processing", where is my {price}?',
        'The restaurant approved the refund but the money never came back',
        'You said 1-3 business days, it has been {days} days',
        'Refund rejected with no reason given'
      ],
      note: ['chasing a refund requested {days} days ago', 'refund of {price} not received, asks to escalate', 'refund approved by {shop} but [not received|still processing]', 'refund [rejected|declined] without a reason, wants a review'],
      detail: ['Still says processing', 'It has been {days} days', 'The amount is {price}', 'I check the refund status every day']
    },
    coupon_price: {
      say: [
        "Why can't I use the {coupon} coupon?",
        'Delivery fee went up again, {price} for one meal',
        'Coupon shows as claimed but checkout says not eligible',
        'Same {dish} costs {n} yuan more in the app than in the store',
        'My friend pays {n} yuan less for the same order, price discrimination?'
      ],
      note: ['{coupon} coupon cannot be applied', 'questions why prices differ between users', 'says the {coupon} coupon [was refused at checkout|shows as claimed but cannot be used]'],
      detail: ['The coupon is still valid', 'The rules are so unclear', 'Ended up paying more than full price', 'I paid {n} yuan extra for one order']
    },
    cs_wait: {
      say: [
        'Called customer service {n} times, nobody picks up',
        'Waited {mins} minutes in the chat queue',
        'The bot keeps repeating itself, I just want a human',
        'Support says "processing" for {days} days now'
      ],
      note: ['waited over {mins} minutes on the hotline', 'could not get through after several calls', '[chat|hotline] queue over {mins} min, [no answer|disconnected]', 'issue open {days} days with no update'],
      detail: ['Waited {mins} minutes, no reply', 'The hotline is always busy', 'Still not solved', 'There were {n}0 people ahead of me']
    },
    login_code: {
      say: ['Never receive the verification code, cannot log in', 'Got logged out for no reason and now the code never arrives'],
      note: ['not receiving login verification codes', '[cannot log in|login fails] on a {device}, [no SMS code|says account abnormal]'],
      detail: ['Tried {n} times', 'Reset my password too', 'Nothing in my spam SMS either']
    },
    praise_courier: {
      say: [
        'The {courier} was super friendly and early',
        'Delivered on time {weather}, thank you',
        'Really polite {courier}, even knocked to let me know',
        'The {courier} got here in {fast} minutes, amazing',
        'Shout out to the {courier} who brought my {dish} {weather}, [always smiling|so cheerful]',
        'The {courier} [called ahead|texted me] when he was close, [very thoughtful|really appreciated]',
        'I put the wrong building number and the {courier} [still found me|walked over anyway] without complaining',
        'My compound [won\'t let couriers in|has strict security] but the {courier} [met me at the gate|waited at the door] with a smile',
        'The {courier} carried the [soup|milk tea|{dish}] so carefully, not a drop spilled',
        '[Today\'s|Tonight\'s] {courier} was [lovely|so kind], [reminded me to eat it while it\'s hot|helped me carry the bags up]',
        '[So late at night|Early in the morning] and the {courier} was still right on time, [respect|thank you]',
        'Couriers in {city} are [getting better and better|really reliable], [always|nearly always] on time',
        'The {courier} was [so polite|really courteous|super professional], [5 stars|gave him 5 stars|well deserved 5 stars]',
        'Big thanks to the {courier}, [{fast} minutes door to door|{n} minutes early]'
      ],
      note: [
        'wants to thank the rider for a fast delivery',
        '[called to praise|praises] the {courier} for being [polite|friendly|on time]',
        'says the {courier} delivered [early|on time] [in bad weather|at peak time|late at night], wants to pass on thanks',
        'happy that the {courier} [brought it to the door|called ahead|took the trash down]'
      ],
      detail: [
        'He even said [enjoy your meal|be careful, it\'s hot]', 'Very polite on the phone', 'Sent a photo when he left it at the door', 'Came {n} minutes earlier than estimated',
        'Nothing spilled', 'Sixth floor with no lift and he didn\'t complain', 'He was soaked but still smiling', 'Third time I\'ve had him, always great',
        'Hope he gets a bonus', 'Took my trash down too', 'Traffic was terrible and he still made it on time'
      ]
    },
    praise_food: {
      say: [
        'The {dish} from {shop} was delicious',
        'Food arrived hot and tasty',
        'Ordered here {n} times, always great',
        'Great portion for {price}',
        'The {dish} from {shop} [tastes just like in the restaurant|is so flavourful|was perfectly seasoned]',
        '[Didn\'t expect|Wow, did not expect] the {dish} to be this [tasty|good|delicious]',
        'Best {dish} I\'ve had in {city}, [so tasty|really delicious]',
        'The {dish} was [crispy|juicy|tender] and [full of flavour|really tasty], [highly recommend|will order again]',
        '[Finally|At last] found a {dish} place that [tastes great|is actually delicious]',
        'Ordered {dish} for [the team|my family|my flatmates], everyone said it was delicious',
        '{shop} is [so consistent|always reliable], the {dish} [tastes great every time|never disappoints]',
        'The {dish} had the perfect amount of spice, [so tasty|loved the flavour]'
      ],
      note: ['happy with the food quality', 'praises the {dish} from {shop}, [says it was delicious|wants to thank the restaurant]', 'says the food [tasted great|was excellent], [will order again|very satisfied]'],
      detail: ['Generous portion too', 'They threw in a free [drink|dessert|side]', 'The sauce was amazing', 'Packaging was neat and clean', 'Good value as well', 'The restaurant even added a little thank-you note', 'Will definitely order again', 'Still warm when it arrived']
    },
    praise_app: {
      say: [
        'Great app, the new coupon page is much easier',
        'The update made everything faster, nice',
        'Love the live rider tracking',
        '{ver} feels much smoother',
        'The new app [home page|search|order page] is [so much cleaner|really easy to use]',
        'The app runs [really smoothly|great|without a hitch] on my {device}',
        'Love the [reorder button|saved addresses|new filters] in the app, [super handy|saves me time]',
        'The menu layout in the app is [clear|clean] and [easy to read|easy to browse]',
        'Finally an English menu option in the app, [thank you|so helpful]',
        'The app is [so much easier|way simpler] to use since [the update|{ver}], [nice work|love it]',
        'Checkout page is [clean|simple] now, ordering takes [seconds|no time]'
      ],
      note: ['likes the new app version', 'says the app is [easy to use|much smoother] since {ver}', 'praises the new app [layout|tracking|search]'],
      detail: ['Runs smoothly on my {device}', 'Finding restaurants is much quicker', 'Fewer taps to order', 'My parents can use it too', 'The recommendations are spot on']
    },
    praise_images_fast: {
      say: [
        'Images load fast again, thanks for the fix',
        'Loading is so much quicker now, no more grey boxes',
        'The {screen} finally loads instantly in the evening',
        'Photos load right away since the update, great',
        '[Food photos|Pictures|Menu images] load [instantly|right away] now, [much better|thank you]',
        'No more spinning on the {screen}, [photos|images] load quickly again',
        'Image loading is [back to normal|fast again] at dinner time, [great job|nice fix]'
      ],
      note: ['says image loading is fast again after the fix', 'reports photos on the {screen} load quickly now, thanks the team'],
      detail: ['Smooth on my {device} too', 'No more spinning in the evening', 'Choosing dinner is much quicker now', 'Even review photos load right away', 'Fast on {os} as well']
    },
    praise_service: {
      say: [
        'Support refunded me within {fast} minutes, impressed',
        'The agent was very patient and fixed it',
        'They gave me a {coupon} coupon for the trouble, appreciated',
        'Customer service [sorted it out|fixed my problem] in [minutes|no time], [great job|thank you]',
        'The [chat support|customer service|hotline] agent was [really patient|super helpful|very kind]',
        '[Got through to|Reached] the hotline [straight away|in a minute], [very professional|great service]',
        'Customer support [called me back|followed up] the next day, [really appreciated|very thoughtful]',
        'The support team [explained everything clearly|walked me through it step by step], [thanks|much appreciated]',
        'Customer service in {city} is [excellent|really good], [thanks a lot|5 stars]'
      ],
      note: ['satisfied with how the last complaint was handled', 'praises the [hotline|chat] agent for being [patient|quick|helpful]', 'thanks customer service for [the quick fix|the follow-up call]'],
      detail: ['Polite the whole time', 'Got a reply within minutes', 'They even followed up the next day', 'Faster than I expected', 'They added a {coupon} coupon too', 'Very clear explanations']
    },
    question: {
      say: [
        'How do I get [an invoice|a fapiao|an invoice (fapiao)]?',
        'Can I [change|update] the delivery address after ordering?',
        'How do I [cancel|turn off] the membership auto-renewal?',
        'Until what time do you deliver in {city}?',
        'Can you check where order {order} is?',
        'Can the {coupon} coupon be combined with member vouchers?',
        'How is the delivery fee calculated? [Is it by distance|Does it depend on distance]?',
        'Can I schedule a delivery for [tomorrow at {time}|later today]?',
        'How do I [change|update] the phone number on my account?',
        'Is there a way to add a note for the {dish} [like no cilantro|for less spice]?',
        'What time does {shop} open?',
        'Can I get an invoice with my company name on it?',
        'If I cancel the order, do I get the coupon back?',
        'How do I switch the app to English?',
        'Do you deliver [groceries|medicine] in {city}?'
      ],
      note: ['asks how to get an invoice', 'asks how to change the delivery address', 'asks about [delivery hours in {city}|scheduled delivery|the delivery fee]', 'asks how to [cancel auto-renewal|change the account phone number|switch to English]'],
      detail: ['Just placed the order', 'Order number {order}', 'Using the app on my {device}', 'I need it for work expenses', 'I\'m new to the app', 'Asking for my parents', 'It\'s an order from {shop}', 'I ordered the {dish}', 'Asking before I order']
    },
    suggestion: {
      say: [
        '[Please add|Could you add|Would love] a dark mode',
        'Would be [nice|great] to filter by delivery time',
        'Please show the English menu for more restaurants',
        'Let me save order notes as templates',
        'Would be nice to filter restaurants by [rating|distance|price]',
        'Please add a [group order|split the bill] option for [the office|friends]',
        'Could you show [calories|ingredients] on the menu?',
        'Please let me save [more than one address|work and home addresses]',
        'Would love [more|a few more] {dish} places in {city}',
        'Could the {coupon} coupon stack with [member vouchers|shop discounts]?',
        'Please add a contactless [drop-off|delivery] option'
      ],
      note: ['suggests an English menu option', 'suggests [a dark mode|group ordering|a delivery-time filter]', 'suggests showing [ingredients|calories] on menus'],
      detail: ['Just a small idea', 'Lots of people in my office want this', 'Would save a lot of scrolling', 'Please consider it', 'I order {meal} most days in {city}', 'Especially on my {device}', 'For example when ordering {dish}']
    },
    neutral_ok: {
      say: [
        'It was ok', 'Fine, nothing special', 'Average', 'Delivery was normal',
        'The {dish} was [ok|alright], [same as usual|nothing to write home about]',
        '[Arrived|Delivery was] [on time|as expected], [food was|the {dish} was] so-so',
        '[First time|Tried] {shop}, [it was fine|it was average]',
        '[Overall|All in all] [ok|fine], [a bit pricey|delivery fee is a bit high]',
        'Same as last time, [nothing changed|no surprises]'
      ],
      note: ['follow-up call, customer says it was fine', 'follow-up call, customer says [the order|delivery] was [ok|as usual]', 'follow-up with a {city} customer, no particular comments'],
      detail: ['Packaging was standard', 'Portion was normal', 'Ordered from {shop}', 'Arrived about on time']
    }
  },

  frames: {
    in_app: ['{body}', '{body}', 'Feedback: {body}'],
    app_review: ['{body}'],
    chat: ['{body}', 'Hi. {body}', 'hello? {body}', 'Hi there! {body}'],
    call: ['Customer called: {body}. {agent}', 'Call note - {body}. {agent}', 'Caller reports {body}. {agent}'],
    email: ['Hello,\n\n{body}\n\nRegards', 'Hi team,\n{body}\nThanks', '{body}\n\nSent from my iPhone'],
    social: ['@FoodGo {body}', '{body} #FoodGo', '{body}', 'hey @FoodGo_help {body}'],
    survey: ['{body}'],
    other: ['{body}']
  },
  openers: {
    negative: ['Honestly, ', 'Third time now. ', 'Seriously, ', 'Ok so '],
    positive: ['Just want to say: ', 'Wow. ', 'Credit where it\'s due: ', 'Honestly, ', 'Have to say it: '],
    neutral: ['Hi, quick question: ', 'Hello, ', 'Hi team, ']
  },
  contexts: {
    negative: ["I'm at the office.", 'Just got home from work.', 'Long-time user here.', 'First time this happened to me.', 'My flatmate has the same problem.', 'Writing from {city}.', 'Ordering for my kids tonight.'],
    positive: ['Just got home from work.', 'Long-time user here.', 'Writing from {city}.', 'Ordered {meal} at the office.', 'First review ever.', 'Ordered with friends tonight.', 'Been using this app for {n} years.'],
    neutral: ['Hi there.', 'Writing from {city}.', 'New user here.', 'On my {device}.']
  },
  closers: {
    negative: ['{emo}', 'Not ordering again', 'Please fix this', 'This is the third time', 'I want a refund', 'Do better', 'Unacceptable', 'So frustrating', 'Really disappointed', 'Getting worse every week', 'Please look into it'],
    positive: ['Thanks!', 'Keep it up', '5 stars', 'Will order again', 'Love it', 'Great job', 'Much appreciated', 'Happy customer', 'Recommended', 'Well done'],
    neutral: ['Thanks', 'Please advise', 'Cheers', 'Thanks in advance', 'Appreciate it']
  },
  endings: {
    negative: ['.', '!', '!!!', '', ' 😡', ' 🙄', '...', '!!'],
    positive: ['!', '.', ' 👍', ' 😋', ' ❤️', '!!'],
    neutral: ['', '.', ' thanks', ' 🙏']
  },
  agent: {
    negative: ['Ticket logged.', 'Escalated to tier 2.', 'Issued a ¥5 voucher.', 'Callback requested within 24h.', 'Apologised and noted.'],
    positive: ['Noted.', 'Passed on to the station.', 'Praise logged.', 'Passed on to the restaurant.'],
    neutral: ['Answered.', 'Sent instructions by SMS.', 'Sent the help link.', 'No follow-up needed.']
  },
  callers: ['{city} customer', 'regular customer', 'VIP member', 'new user', 'customer on {device}', 'member in {city}'],
  noteExtras: {
    negative: ['very upset', 'wants an answer today', 'says it keeps happening', 'asks for compensation', 'order details verified', 'threatens to uninstall', 'asked for a supervisor', 'call took {n} min', 'wants it escalated', 'posted about it online'],
    positive: ['in a good mood', 'asks us to pass on thanks', 'will keep using us', 'suggests a reward', 'call took {n} min', 'left 5 stars'],
    neutral: ['walked through the steps', 'understood', 'no other questions', 'account verified', 'call took {n} min', 'will try it themselves']
  },
  noise: ['???', 'asdf', 'test', '.', 'hello'],
  adverts: ['Earn $500 a day from home, DM me', 'Free vouchers!!! add WeChat {wx}'],
  campaigns: ['FoodGo charged my membership renewal without any reminder. REFUND EVERYONE! #FoodGoScam'],
  pii: [', call me at {phone}', '. My email is {email}', ', my number is {phone}', '. Reach me at {email}'],
  piiNote: [', callback number {phone}', ', customer email {email}']
};
