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
      note: ['order {order} delivered {mins} min late, wants compensation', "delivery {late} late, couldn't reach the rider", 'chasing an order stuck at "picked up"'],
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
      note: ['received cold {dish}, asking for partial refund'],
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
      note: ['missing {dish}, order {order}, restaurant contacted', 'received the wrong order'],
      detail: ['It was clearly written in the notes', 'Only noticed when I opened the bag', "The receipt lists it but the bag doesn't have it", 'The restaurant says it is not their problem', 'Order number {order}']
    },
    rude_courier: {
      say: [
        'The {courier} was {very} rude and hung up on me',
        'The {courier} left my food downstairs and refused to come up',
        'Rider yelled at me on the phone and said my address was wrong (it wasn\'t)',
        'The {courier} asked me to give 5 stars or else, {emo}'
      ],
      note: ['complains the rider was abusive on the phone', 'rider refused to deliver to the door'],
      detail: ['I only asked where he was', 'He was shouting on the phone', 'I was polite the whole time', 'He just dumped it at the door and left']
    },
    damaged_package: {
      say: [
        'Soup spilled all over the bag',
        'The package was crushed, {dish} everywhere',
        'My milk tea leaked through the whole bag',
        'Lid wasn\'t even closed, half the {dish} is gone'
      ],
      note: ['package damaged, soup spilled', 'drink leaked, asks for redelivery'],
      detail: ['The bag was soaked', 'The box was completely squashed', 'Took ages to clean the table', 'There was no seal on the bag', 'I have photos']
    },
    bad_taste: {
      say: [
        'The {dish} from {shop} tasted awful, nothing like the photos',
        'Way too salty, could not eat it',
        'Found a hair in my {dish}, disgusting',
        'Portions keep shrinking, {price} for this?'
      ],
      note: ['reports {dish} tasted off, suspects it was not fresh'],
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
      note: ['app {ver} crashes on launch on a {device}', 'app crashed at checkout, could not pay'],
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
      note: ['images in the app load very slowly, {screen} keeps spinning', 'cannot see any food photos during the evening peak'],
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
      note: ['payment failed but {price} was deducted, order {order}', 'repeated payment failures with {pay}'],
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
      note: ['chasing a refund requested {days} days ago', 'refund of {price} not received, asks to escalate'],
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
      note: ['{coupon} coupon cannot be applied', 'questions why prices differ between users'],
      detail: ['The coupon is still valid', 'The rules are so unclear', 'Ended up paying more than full price', 'I paid {n} yuan extra for one order']
    },
    cs_wait: {
      say: [
        'Called customer service {n} times, nobody picks up',
        'Waited {mins} minutes in the chat queue',
        'The bot keeps repeating itself, I just want a human',
        'Support says "processing" for {days} days now'
      ],
      note: ['waited over {mins} minutes on the hotline', 'could not get through after several calls'],
      detail: ['Waited {mins} minutes, no reply', 'The hotline is always busy', 'Still not solved', 'There were {n}0 people ahead of me']
    },
    login_code: {
      say: ['Never receive the verification code, cannot log in', 'Got logged out for no reason and now the code never arrives'],
      note: ['not receiving login verification codes'],
      detail: ['Tried {n} times', 'Reset my password too', 'Nothing in my spam SMS either']
    },
    praise_courier: {
      say: [
        'The {courier} was super friendly and early',
        'Delivered on time {weather}, thank you',
        'Really polite {courier}, even knocked to let me know',
        'Arrived in {fast} minutes, amazing'
      ],
      note: ['wants to thank the rider for a fast delivery']
    },
    praise_food: {
      say: ['The {dish} from {shop} was delicious', 'Food arrived hot and tasty', 'Ordered here {n} times, always great', 'Great portion for {price}'],
      note: ['happy with the food quality']
    },
    praise_app: {
      say: ['Great app, the new coupon page is much easier', 'The update made everything faster, nice', 'Love the live rider tracking', '{ver} feels much smoother'],
      note: ['likes the new app version']
    },
    praise_images_fast: {
      say: ['Images load fast again, thanks for the fix', 'Loading is so much quicker now, no more grey boxes', 'The {screen} finally loads instantly in the evening', 'Photos load right away since the update, great'],
      note: ['says image loading is fast again after the fix'],
      detail: ['Smooth on my {device} too', 'No more spinning in the evening', 'Choosing dinner is much quicker now']
    },
    praise_service: {
      say: ['Support refunded me within {fast} minutes, impressed', 'The agent was very patient and fixed it', 'They gave me a {coupon} coupon for the trouble, appreciated'],
      note: ['satisfied with how the last complaint was handled']
    },
    question: {
      say: [
        'How do I get an invoice (fapiao)?',
        'Can I change the delivery address after ordering?',
        'How do I cancel the membership auto-renewal?',
        'Until what time do you deliver in {city}?',
        'Can you check where order {order} is?',
        'Can the {coupon} coupon be combined with member vouchers?'
      ],
      note: ['asks how to get an invoice', 'asks how to change the delivery address']
    },
    suggestion: {
      say: ['Please add a dark mode', 'Would be nice to filter by delivery time', 'Please show the English menu for more restaurants', 'Let me save order notes as templates'],
      note: ['suggests an English menu option']
    },
    neutral_ok: {
      say: ['It was ok', 'Fine, nothing special', 'Average', 'Delivery was normal'],
      note: ['follow-up call, customer says it was fine']
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
    positive: ['Just want to say: ', 'Wow. '],
    neutral: ['Hi, quick question: ']
  },
  contexts: {
    negative: ["I'm at the office.", 'Just got home from work.', 'Long-time user here.', 'First time this happened to me.', 'My flatmate has the same problem.', 'Writing from {city}.', 'Ordering for my kids tonight.'],
    positive: ['Just got home from work.', 'Long-time user here.', 'Writing from {city}.'],
    neutral: ['Hi there.', 'Writing from {city}.']
  },
  closers: {
    negative: ['{emo}', 'Not ordering again', 'Please fix this', 'This is the third time', 'I want a refund', 'Do better', 'Unacceptable', 'So frustrating', 'Really disappointed', 'Getting worse every week', 'Please look into it'],
    positive: ['Thanks!', 'Keep it up', '5 stars', 'Will order again', 'Love it'],
    neutral: ['Thanks', 'Please advise', 'Cheers']
  },
  endings: {
    negative: ['.', '!', '!!!', '', ' 😡', ' 🙄', '...', '!!'],
    positive: ['!', '.', ' 👍', ' 😋', ' ❤️', '!!'],
    neutral: ['', '.', ' thanks', ' 🙏']
  },
  agent: {
    negative: ['Ticket logged.', 'Escalated to tier 2.', 'Issued a ¥5 voucher.', 'Callback requested within 24h.', 'Apologised and noted.'],
    positive: ['Noted.', 'Passed on to the station.'],
    neutral: ['Answered.', 'Sent instructions by SMS.']
  },
  noise: ['???', 'asdf', 'test', '.', 'hello'],
  adverts: ['Earn $500 a day from home, DM me', 'Free vouchers!!! add WeChat {wx}'],
  campaigns: ['FoodGo charged my membership renewal without any reminder. REFUND EVERYONE! #FoodGoScam'],
  pii: [', call me at {phone}', '. My email is {email}', ', my number is {phone}', '. Reach me at {email}'],
  piiNote: [', callback number {phone}', ', customer email {email}']
};
